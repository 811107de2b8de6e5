/** Name stock by region, so that families share a surname and unrelated payers do not. */

const GIVEN: Readonly<Record<string, readonly string[]>> = {
  anglo: ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Sarah', 'Thomas', 'Emma', 'Daniel', 'Olivia', 'Chris', 'Laura', 'Mark', 'Helen', 'Paul', 'Grace'],
  german: ['Lukas', 'Anna', 'Jonas', 'Lena', 'Felix', 'Marie', 'Paul', 'Sophie', 'Max', 'Hannah', 'Tim', 'Julia'],
  french: ['Louis', 'Camille', 'Hugo', 'Chloe', 'Jules', 'Manon', 'Lucas', 'Ines', 'Arthur', 'Lea'],
  italian: ['Marco', 'Giulia', 'Luca', 'Sofia', 'Matteo', 'Chiara', 'Andrea', 'Francesca'],
  arabic: ['Ahmed', 'Fatima', 'Omar', 'Aisha', 'Karwan', 'Rojin', 'Hassan', 'Layla', 'Ali', 'Zainab', 'Yusuf', 'Nour', 'Rebin', 'Shadi', 'Mariam', 'Khalid'],
  hispanic: ['Jose', 'Maria', 'Juan', 'Guadalupe', 'Luis', 'Rosa', 'Carlos', 'Ana', 'Jorge', 'Carmen', 'Miguel', 'Lucia', 'Pedro', 'Elena'],
  southasian: ['Mohammed', 'Ayesha', 'Imran', 'Nusrat', 'Rahul', 'Priya', 'Tariq', 'Shirin', 'Arif', 'Rupa'],
  turkish: ['Mehmet', 'Ayse', 'Mustafa', 'Elif', 'Emre', 'Zeynep', 'Burak', 'Merve'],
  eastasian: ['Minh', 'Lan', 'Tuan', 'Hoa', 'Wei', 'Mei', 'Jose', 'Maria'],
  westafrican: ['Chinedu', 'Ngozi', 'Emeka', 'Amaka', 'Tunde', 'Funmilayo', 'Ibrahim', 'Hauwa', 'Segun', 'Blessing'],
  albanian: ['Arben', 'Elira', 'Besnik', 'Drita', 'Ermal', 'Valbona', 'Gentian', 'Mimoza', 'Klodian', 'Anila'],
}

const FAMILY: Readonly<Record<string, readonly string[]>> = {
  anglo: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Miller', 'Clark', 'Walker', 'Wright', 'Thompson', 'White', 'Hughes', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Cooper', 'King', 'Baker'],
  german: ['Muller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein'],
  french: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'],
  italian: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco'],
  arabic: ['Ahmadi', 'Hussein', 'Karim', 'Aziz', 'Rashid', 'Mahmoud', 'Saleh', 'Haddad', 'Barzani', 'Kurdi', 'Omar', 'Khalil', 'Jaf', 'Talabani', 'Abdullah', 'Nasser', 'Hamad', 'Mustafa'],
  hispanic: ['Garcia', 'Hernandez', 'Lopez', 'Martinez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Flores', 'Cruz', 'Morales', 'Reyes', 'Ortiz', 'Castillo', 'Mendoza', 'Vasquez'],
  southasian: ['Khan', 'Ahmed', 'Rahman', 'Hossain', 'Islam', 'Chowdhury', 'Patel', 'Sharma', 'Iqbal', 'Malik', 'Butt', 'Uddin'],
  turkish: ['Yilmaz', 'Kaya', 'Demir', 'Sahin', 'Celik', 'Yildiz', 'Aydin', 'Ozturk'],
  eastasian: ['Nguyen', 'Tran', 'Le', 'Pham', 'Wang', 'Li', 'Santos', 'Reyes'],
  westafrican: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Bello', 'Nwosu', 'Adebayo', 'Musa', 'Obi'],
  albanian: ['Hoxha', 'Shehu', 'Gashi', 'Krasniqi', 'Berisha', 'Leka', 'Dervishi', 'Meta', 'Kola', 'Basha'],
}

const REGION_OF_COUNTRY: Readonly<Record<string, string>> = {
  US: 'anglo', GB: 'anglo', AU: 'anglo', CA: 'anglo', DE: 'german', AT: 'german', FR: 'french', BE: 'french',
  NL: 'german', IT: 'italian', IQ: 'arabic', SY: 'arabic', IR: 'arabic', AF: 'arabic', LY: 'arabic', TN: 'arabic',
  MA: 'arabic', AE: 'arabic', MX: 'hispanic', GT: 'hispanic', HN: 'hispanic', SV: 'hispanic', BD: 'southasian',
  PK: 'southasian', IN: 'southasian', TR: 'turkish', RS: 'german', BG: 'german', GR: 'italian', BA: 'german',
  PL: 'german', ID: 'eastasian', VN: 'eastasian', PH: 'eastasian', CN: 'eastasian', NG: 'westafrican',
  AL: 'albanian', HR: 'german', HU: 'german', BY: 'german', MR: 'arabic', ES: 'hispanic', ML: 'westafrican',
}

export function regionOf(country: string): string {
  return REGION_OF_COUNTRY[country] ?? 'anglo'
}

/** the naming region whose surnames hold this one (anglo when none does) */
export function regionOfSurname(surname: string): string {
  for (const [region, names] of Object.entries(FAMILY)) if (names.includes(surname)) return region
  return 'anglo'
}

export function givenNames(region: string): readonly string[] {
  return GIVEN[region] ?? (GIVEN.anglo as readonly string[])
}

export function familyNames(region: string): readonly string[] {
  return FAMILY[region] ?? (FAMILY.anglo as readonly string[])
}

export const BUSINESS_WORDS = {
  employer: ['Logistics', 'Engineering', 'Healthcare', 'Software', 'Construction', 'Foods', 'Manufacturing', 'Consulting', 'Hospitality', 'Cleaning Services'],
  merchant: ['Grocery', 'Pharmacy', 'Cafe', 'Bakery', 'Books', 'Hardware', 'Fuel', 'Supermarket', 'Clothing', 'Electronics', 'Restaurant', 'Travel Agency', 'Boat Hire', 'Car Dealer'],
  cashShop: ['Car Wash', 'Barber', 'Kebab House', 'Mini Market', 'Nail Bar', 'Phone Repair', 'Rug Gallery', 'Takeaway'],
  utility: ['Energy', 'Water', 'Telecom', 'Broadband'],
  msb: ['Money Transfer', 'Remit', 'Exchange', 'Express Transfer'],
  supplier: ['Wholesale', 'Supplies', 'Trading', 'Distribution'],
} as const

export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  US: ['LLC', 'Inc'], GB: ['Ltd'], AU: ['Pty Ltd'], CA: ['Inc', 'Ltd'], DE: ['GmbH'], AT: ['GmbH'], FR: ['SARL', 'SAS'],
  BE: ['SRL', 'BV'], NL: ['BV'], IT: ['SRL'],
}
