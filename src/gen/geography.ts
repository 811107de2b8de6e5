/**
 * Places the generator uses. Border and transit zones follow BORDER_ZONE in typologies.md §1; countries follow
 * HIGH_MIGRANT_ORIGIN and TRANSIT. Ordinary residents live in border cities too, so place alone is not a signal.
 */

export interface Country {
  code: string
  currency: 'USD' | 'EUR' | 'GBP' | 'AUD' | 'CAD'
  cities: readonly string[]
  /** cities on or near a smuggling border or transit point (BORDER_ZONE) */
  borderCities: readonly string[]
}

/** where accounts of the population are held */
export const HOME_COUNTRIES: readonly Country[] = [
  { code: 'US', currency: 'USD', cities: ['New York', 'Chicago', 'Houston', 'Los Angeles', 'Phoenix', 'Dallas', 'Atlanta', 'Denver'], borderCities: ['El Paso', 'Laredo', 'McAllen', 'San Diego', 'Nogales', 'Brownsville', 'Yuma'] },
  { code: 'GB', currency: 'GBP', cities: ['London', 'Birmingham', 'Manchester', 'Leeds', 'Cardiff', 'Glasgow', 'Bristol'], borderCities: ['Dover', 'Folkestone'] },
  { code: 'DE', currency: 'EUR', cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Stuttgart'], borderCities: ['Passau', 'Frankfurt (Oder)'] },
  { code: 'FR', currency: 'EUR', cities: ['Paris', 'Lyon', 'Marseille', 'Lille', 'Toulouse', 'Nantes'], borderCities: ['Calais', 'Dunkerque', 'Boulogne-sur-Mer'] },
  { code: 'IT', currency: 'EUR', cities: ['Rome', 'Milan', 'Naples', 'Bologna', 'Turin'], borderCities: ['Lampedusa', 'Ventimiglia', 'Trieste'] },
  { code: 'BE', currency: 'EUR', cities: ['Brussels', 'Antwerp', 'Ghent', 'Liege'], borderCities: ['Zeebrugge'] },
  { code: 'NL', currency: 'EUR', cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'The Hague'], borderCities: ['Hook of Holland'] },
  { code: 'AU', currency: 'AUD', cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide'], borderCities: ['Darwin'] },
  { code: 'CA', currency: 'CAD', cities: ['Toronto', 'Montreal', 'Vancouver', 'Calgary', 'Ottawa'], borderCities: ['Windsor', 'Lacolle'] },
]

/** countries that receive payments: family abroad, transit points, offshore beneficiaries */
export const FOREIGN_CITIES: Readonly<Record<string, readonly string[]>> = {
  IQ: ['Erbil', 'Sulaymaniyah', 'Ranya', 'Baghdad', 'Duhok'],
  SY: ['Damascus', 'Aleppo', 'Qamishli', 'Homs'],
  IR: ['Tehran', 'Urmia', 'Sanandaj'],
  AF: ['Kabul', 'Herat', 'Mazar-i-Sharif'],
  MX: ['Mexico City', 'Guadalajara', 'Monterrey', 'Ciudad Juarez', 'Tijuana', 'Reynosa', 'Nuevo Laredo'],
  GT: ['Guatemala City', 'Quetzaltenango', 'Huehuetenango'],
  HN: ['Tegucigalpa', 'San Pedro Sula'],
  SV: ['San Salvador', 'Santa Ana'],
  TN: ['Tunis', 'Sfax', 'Sousse', 'Djerba'],
  BD: ['Dhaka', 'Sylhet', 'Chittagong'],
  PK: ['Lahore', 'Karachi', 'Islamabad'],
  TR: ['Istanbul', 'Izmir', 'Ankara', 'Gaziantep', 'Van', 'Bodrum', 'Antalya'],
  LY: ['Tripoli', 'Zuwara', 'Benghazi', 'Sabratha'],
  RS: ['Belgrade', 'Subotica'],
  BG: ['Sofia', 'Svilengrad'],
  GR: ['Athens', 'Thessaloniki', 'Kos', 'Lesbos'],
  AT: ['Vienna', 'Graz'],
  BA: ['Sarajevo', 'Bihac'],
  ID: ['Jakarta', 'Kupang', 'Denpasar'],
  VN: ['Hanoi', 'Ho Chi Minh City'],
  PH: ['Manila', 'Cebu'],
  IN: ['Delhi', 'Mumbai'],
  PL: ['Warsaw', 'Krakow'],
  MA: ['Casablanca', 'Tangier'],
  AE: ['Dubai'],
  CN: ['Shanghai', 'Shenzhen', 'Guangzhou', 'Yiwu'],
  NG: ['Lagos', 'Abuja', 'Kano', 'Ibadan'],
  AL: ['Tirana', 'Durres', 'Vlore', 'Shkoder'],
  HR: ['Zagreb', 'Split', 'Rijeka'],
  HU: ['Budapest', 'Szeged'],
  BY: ['Minsk', 'Grodno'],
  MR: ['Nouakchott', 'Nouadhibou'],
  ES: ['Madrid', 'Barcelona', 'Las Palmas', 'Almeria'],
  ML: ['Bamako', 'Gao'],
}

/** foreign cities on a smuggling border or transit coast (the foreign half of BORDER_ZONE) */
export const FOREIGN_BORDER_CITIES: ReadonlySet<string> = new Set([
  'Ciudad Juarez', 'Tijuana', 'Reynosa', 'Nuevo Laredo', 'Istanbul', 'Van', 'Belgrade', 'Subotica', 'Svilengrad',
  'Zuwara', 'Sabratha', 'Tripoli', 'Sfax', 'Bihac', 'Kupang', 'Bodrum', 'Kos', 'Lesbos', 'Szeged', 'Grodno',
  'Nouadhibou', 'Las Palmas', 'Vlore',
])

/**
 * Legitimate remittance corridors: a diaspora community in a home country sending home. The same corridors carry
 * smuggling fees, which is why fee-sized remittances along them must not alert on their own.
 */
export const REMITTANCE_CORRIDORS: readonly { from: string; to: string; weight: number }[] = [
  { from: 'GB', to: 'IQ', weight: 3 }, { from: 'GB', to: 'PK', weight: 3 }, { from: 'GB', to: 'BD', weight: 2 },
  { from: 'GB', to: 'IR', weight: 1 }, { from: 'GB', to: 'AF', weight: 1 }, { from: 'GB', to: 'VN', weight: 1 },
  { from: 'DE', to: 'SY', weight: 3 }, { from: 'DE', to: 'TR', weight: 3 }, { from: 'DE', to: 'AF', weight: 1 },
  { from: 'DE', to: 'IQ', weight: 1 }, { from: 'DE', to: 'PL', weight: 1 },
  { from: 'US', to: 'MX', weight: 5 }, { from: 'US', to: 'GT', weight: 3 }, { from: 'US', to: 'HN', weight: 2 },
  { from: 'US', to: 'SV', weight: 2 }, { from: 'US', to: 'PH', weight: 1 }, { from: 'US', to: 'IN', weight: 1 },
  { from: 'FR', to: 'TN', weight: 3 }, { from: 'FR', to: 'MA', weight: 2 }, { from: 'IT', to: 'BD', weight: 2 },
  { from: 'IT', to: 'TN', weight: 1 }, { from: 'BE', to: 'MA', weight: 1 }, { from: 'NL', to: 'TR', weight: 1 },
  { from: 'AU', to: 'VN', weight: 1 }, { from: 'AU', to: 'ID', weight: 1 }, { from: 'AU', to: 'IQ', weight: 1 },
  { from: 'CA', to: 'PH', weight: 1 }, { from: 'CA', to: 'IN', weight: 1 },
]

export const HIGH_MIGRANT_ORIGIN = ['MX', 'GT', 'SV', 'HN', 'IQ', 'IR', 'SY', 'AF', 'BD', 'PK', 'TN', 'VN'] as const
export const TRANSIT = ['MX', 'TR', 'GR', 'BG', 'RS', 'BA', 'AT', 'LY', 'TN', 'ID'] as const

export function countryOf(code: string): Country {
  const c = HOME_COUNTRIES.find((h) => h.code === code)
  if (!c) throw new Error(`not a home country: ${code}`)
  return c
}

/** any city of a country the generator knows, home or foreign */
export function citiesOf(code: string): readonly string[] {
  const home = HOME_COUNTRIES.find((h) => h.code === code)
  if (home) return home.cities
  const foreign = FOREIGN_CITIES[code]
  if (!foreign) throw new Error(`no cities for ${code}`)
  return foreign
}

/** border or transit-zone cities of a country (may be empty) */
export function borderCitiesOf(code: string): readonly string[] {
  const home = HOME_COUNTRIES.find((h) => h.code === code)
  if (home) return home.borderCities
  return (FOREIGN_CITIES[code] ?? []).filter((c) => FOREIGN_BORDER_CITIES.has(c))
}

/** international dialling prefixes, for phone numbers that look right */
export const DIAL_PREFIX: Readonly<Record<string, string>> = {
  US: '1', CA: '1', GB: '44', DE: '49', FR: '33', IT: '39', BE: '32', NL: '31', AU: '61', IQ: '964', SY: '963',
  IR: '98', AF: '93', MX: '52', GT: '502', HN: '504', SV: '503', TN: '216', BD: '880', PK: '92', TR: '90', LY: '218',
  RS: '381', BG: '359', GR: '30', AT: '43', BA: '387', ID: '62', VN: '84', PH: '63', IN: '91', PL: '48', MA: '212',
  AE: '971', CN: '86', NG: '234', AL: '355', HR: '385', HU: '36', BY: '375', MR: '222', ES: '34', ML: '223',
}
