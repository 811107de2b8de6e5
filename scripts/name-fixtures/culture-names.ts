/**
 * Frequent given names and family names of the communities a remittance corridor serves, for the second near-miss
 * set (fixtures/names/near-misses-cultures.csv, issue 17, session names28). Written down for this set from general
 * knowledge of naming in each community (civil-registry and census top lists where they exist: Albania's INSTAT,
 * Vietnam's published surname shares, Mexico's and Guatemala's registries), deliberately NOT from the generator's stock
 * (src/gen/names.ts) nor from scripts/name-fixtures/common-names.ts, so that the set tests names the matcher was not
 * tuned on. Ethiopian and Eritrean names (and Somali, Pashto ones) have no family name: the second word is the
 * father's given name, as customers write it. Without diacritics.
 */
import type { RegionNames } from './common-names.ts'

export const CULTURE_NAMES: readonly RegionNames[] = [
  {
    region: 'pashto-dari',
    given: ['Abdul', 'Ahmad', 'Gul', 'Wali', 'Zalmai', 'Nasrullah', 'Hamidullah', 'Rahmatullah', 'Sayed', 'Najib', 'Farid', 'Mirwais', 'Shafiq', 'Noor', 'Habib', 'Zarghona', 'Malalai', 'Fereshta', 'Nazia', 'Bibi', 'Khalil', 'Rahim', 'Karim', 'Jawad', 'Samiullah', 'Ajmal', 'Bilal', 'Asadullah', 'Hekmat', 'Parwin'],
    family: ['Ahmadzai', 'Popal', 'Durrani', 'Sultani', 'Stanikzai', 'Yousafzai', 'Safi', 'Mohmand', 'Wardak', 'Hotak', 'Kakar', 'Niazi', 'Afridi', 'Shinwari', 'Jalali', 'Amiri', 'Hashimi', 'Rahimi', 'Sadat', 'Noori', 'Haidari', 'Mohammadi', 'Karimi', 'Hakimi', 'Nazari', 'Rasuli', 'Barakzai', 'Popalzai', 'Alokozai', 'Zazai'],
  },
  {
    region: 'kurdish',
    given: ['Azad', 'Hiwa', 'Karzan', 'Shvan', 'Dilshad', 'Sherzad', 'Rebwar', 'Dler', 'Hemin', 'Aram', 'Sirwan', 'Bahoz', 'Soran', 'Zana', 'Nawzad', 'Jwan', 'Shilan', 'Avin', 'Ronak', 'Hana', 'Berivan', 'Dilan', 'Sozan', 'Kawa', 'Hawre', 'Mahabad', 'Delal', 'Newroz', 'Botan', 'Serwan'],
    family: ['Barzani', 'Talabani', 'Rasul', 'Hawrami', 'Zebari', 'Dizayi', 'Mahmud', 'Kakayi', 'Jabar', 'Qadir', 'Baban', 'Kurdi', 'Sorani', 'Amedi', 'Duhoki', 'Mirani', 'Hamawandi', 'Sindi', 'Goyi', 'Shwani', 'Surchi', 'Jaff', 'Herki', 'Mangur', 'Pishdar', 'Balisani', 'Salih', 'Majid', 'Aziz', 'Karim'],
  },
  {
    region: 'albanian',
    given: ['Arben', 'Besnik', 'Ilir', 'Gentian', 'Artan', 'Dritan', 'Fatmir', 'Erion', 'Klodian', 'Endrit', 'Arjan', 'Blerim', 'Agron', 'Luan', 'Ardit', 'Elira', 'Anila', 'Mirela', 'Blerina', 'Valbona', 'Drita', 'Teuta', 'Arta', 'Jonida', 'Eda', 'Kledi', 'Fjoralba', 'Ermal', 'Genti', 'Edmond'],
    family: ['Hoxha', 'Shehu', 'Gashi', 'Krasniqi', 'Berisha', 'Kelmendi', 'Morina', 'Hysa', 'Leka', 'Dervishi', 'Cela', 'Kola', 'Prifti', 'Rama', 'Meta', 'Bajrami', 'Zeneli', 'Halili', 'Lika', 'Marku', 'Gjoka', 'Muca', 'Duka', 'Basha', 'Rexhepi', 'Osmani', 'Ahmeti', 'Hasani', 'Shala', 'Thaci'],
  },
  {
    region: 'vietnamese',
    given: ['Anh', 'Binh', 'Cuong', 'Dung', 'Duc', 'Hai', 'Hieu', 'Hung', 'Khanh', 'Long', 'Nam', 'Phong', 'Quang', 'Son', 'Thang', 'Trung', 'Tuan', 'Viet', 'Huong', 'Linh', 'Ngoc', 'Phuong', 'Thao', 'Trang', 'Yen', 'Hanh', 'Thuy', 'Nga', 'Vy', 'Quynh'],
    family: ['Nguyen', 'Tran', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly', 'Dinh', 'Trinh', 'Truong', 'Mai', 'Lam', 'Ha', 'Cao', 'Luong', 'Ta', 'Quach', 'Kieu', 'Chau', 'Thai', 'Doan', 'La'],
  },
  {
    region: 'central-america',
    given: ['Jose', 'Juan', 'Carlos', 'Luis', 'Mario', 'Edgar', 'Erick', 'Byron', 'Wilmer', 'Selvin', 'Kevin', 'Brayan', 'Ervin', 'Oscar', 'Walter', 'Marvin', 'Elmer', 'Jorge', 'Maria', 'Ana', 'Sandra', 'Glenda', 'Mayra', 'Heidy', 'Yesenia', 'Karla', 'Ingrid', 'Dulce', 'Evelyn', 'Lesly'],
    family: ['Lopez', 'Garcia', 'Hernandez', 'Perez', 'Gonzalez', 'Morales', 'Rodriguez', 'Martinez', 'Ramirez', 'Castillo', 'Mendez', 'Orellana', 'Cifuentes', 'Barrios', 'Xol', 'Caal', 'Choc', 'Pop', 'Tzul', 'Ajanel', 'Coc', 'Tut', 'Chub', 'Ixcoy', 'Velasquez', 'Alvarado', 'Juarez', 'Ordonez', 'Escobar', 'Fuentes'],
  },
  {
    region: 'eritrean-ethiopian',
    given: ['Yonas', 'Tesfaye', 'Dawit', 'Samuel', 'Yohannes', 'Berhane', 'Mehari', 'Amanuel', 'Filmon', 'Semere', 'Habtom', 'Kidane', 'Tekle', 'Ghebre', 'Selam', 'Helen', 'Saba', 'Senait', 'Mebrat', 'Luwam', 'Freweyni', 'Abrehet', 'Tigist', 'Hiwet', 'Mulu', 'Biniam', 'Robel', 'Natnael', 'Efrem', 'Mussie'],
    family: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Tsegay', 'Weldemichael', 'Ghebremeskel', 'Araya', 'Kahsay', 'Berhe', 'Gebreyesus', 'Habte', 'Mesfin', 'Alemu', 'Tadesse', 'Bekele', 'Girma', 'Negash', 'Asfaha', 'Woldu', 'Teklehaimanot', 'Yemane', 'Zerai', 'Andemariam', 'Fitsum', 'Gebru', 'Desta', 'Kiflom', 'Okbay', 'Tewelde', 'Ghirmay'],
  },
  {
    region: 'somali',
    given: ['Abdirahman', 'Abdullahi', 'Mohamed', 'Ahmed', 'Hassan', 'Hussein', 'Abdiqani', 'Abdiweli', 'Farah', 'Guled', 'Liban', 'Mahad', 'Mustafe', 'Said', 'Yasin', 'Hodan', 'Hawa', 'Fadumo', 'Ubah', 'Sahra', 'Ifrah', 'Ayan', 'Deqa', 'Nasra', 'Idil', 'Khadra', 'Sagal', 'Asha', 'Hibo', 'Maryan'],
    family: ['Warsame', 'Jama', 'Farah', 'Hirsi', 'Abdi', 'Egal', 'Dahir', 'Nur', 'Osman', 'Aden', 'Duale', 'Elmi', 'Gedi', 'Ismail', 'Mohamud', 'Yusuf', 'Samatar', 'Abdille', 'Guleid', 'Shire', 'Kahin', 'Mire', 'Hersi', 'Bile', 'Ali', 'Omar', 'Sheikh', 'Adan', 'Musse', 'Haji'],
  },
  {
    region: 'maghreb',
    given: ['Mohamed', 'Youssef', 'Karim', 'Mehdi', 'Amine', 'Hamza', 'Rachid', 'Nabil', 'Samir', 'Mourad', 'Said', 'Mustapha', 'Hicham', 'Abdelkader', 'Nassim', 'Fatima', 'Khadija', 'Naima', 'Samira', 'Leila', 'Nadia', 'Amina', 'Yasmine', 'Sanaa', 'Houda', 'Imane', 'Souad', 'Malika', 'Zineb', 'Rim'],
    family: ['Benali', 'Bouzid', 'Haddad', 'Mansouri', 'Belkacem', 'Cherif', 'Saidi', 'Bouaziz', 'Trabelsi', 'Gharbi', 'Jebali', 'Ayari', 'Hamdi', 'El Idrissi', 'Alaoui', 'Bennani', 'Tazi', 'Chraibi', 'Berrada', 'Amrani', 'Ouali', 'Meziane', 'Boudiaf', 'Brahimi', 'Khelifi', 'Zerrouki', 'Belhadj', 'Ben Salah', 'Chaouch', 'Lahlou'],
  },
  {
    region: 'levant-gulf',
    given: ['Mohammad', 'Ahmad', 'Khaled', 'Omar', 'Ali', 'Hussein', 'Mahmoud', 'Ibrahim', 'Yousef', 'Fadi', 'Rami', 'Bassam', 'Ziad', 'Nabil', 'Majed', 'Faisal', 'Sultan', 'Hamad', 'Rana', 'Lina', 'Hala', 'Dana', 'Reem', 'Noura', 'Maha', 'Huda', 'Salma', 'Ghada', 'Rasha', 'Abeer'],
    family: ['Khoury', 'Haddad', 'Nasser', 'Saleh', 'Hamdan', 'Qasem', 'Darwish', 'Odeh', 'Khalaf', 'Shami', 'Halabi', 'Masri', 'Najjar', 'Sabbagh', 'Atallah', 'Haddadin', 'Zoubi', 'Abbas', 'Yassin', 'Suleiman', 'Mansour', 'Othman', 'Said', 'Fakhoury', 'Kanaan', 'Awad', 'Hijazi', 'Shahin', 'Al Harbi', 'Al Qahtani'],
  },
  {
    region: 'persian',
    given: ['Reza', 'Ali', 'Mohammad', 'Hossein', 'Mehdi', 'Amir', 'Hamid', 'Saeed', 'Majid', 'Behnam', 'Babak', 'Dariush', 'Kourosh', 'Farhad', 'Arash', 'Maryam', 'Fatemeh', 'Zahra', 'Shirin', 'Parisa', 'Nasrin', 'Leila', 'Mina', 'Neda', 'Sara', 'Golnaz', 'Azadeh', 'Mahsa', 'Niloufar', 'Elham'],
    family: ['Mohammadi', 'Hosseini', 'Ahmadi', 'Rezaei', 'Moradi', 'Karimi', 'Jafari', 'Rahimi', 'Hashemi', 'Mousavi', 'Sadeghi', 'Heidari', 'Ghasemi', 'Alavi', 'Rostami', 'Kazemi', 'Tehrani', 'Shirazi', 'Esfahani', 'Bagheri', 'Nouri', 'Mahmoudi', 'Soltani', 'Zamani', 'Akbari', 'Ebrahimi', 'Farahani', 'Najafi', 'Salehi', 'Yazdani'],
  },
  {
    region: 'pakistan-bangladesh',
    given: ['Muhammad', 'Imran', 'Asif', 'Kashif', 'Waqas', 'Usman', 'Bilal', 'Zeeshan', 'Adnan', 'Faisal', 'Shahid', 'Naveed', 'Rafiq', 'Mizanur', 'Habibur', 'Saiful', 'Rakib', 'Shakil', 'Ayesha', 'Sana', 'Rabia', 'Nazia', 'Sadia', 'Farzana', 'Shahnaz', 'Nasima', 'Rokeya', 'Taslima', 'Sumaiya', 'Mehwish'],
    family: ['Qureshi', 'Chaudhry', 'Siddiqui', 'Mirza', 'Sheikh', 'Bhatti', 'Awan', 'Rajput', 'Abbasi', 'Baig', 'Javed', 'Aslam', 'Akhtar', 'Riaz', 'Hussain', 'Mia', 'Sarkar', 'Talukder', 'Bhuiyan', 'Mondal', 'Biswas', 'Sikder', 'Molla', 'Khandaker', 'Haque', 'Alam', 'Kabir', 'Karim', 'Sultana', 'Begum'],
  },
  {
    region: 'turkish-balkan',
    given: ['Ahmet', 'Hasan', 'Huseyin', 'Ibrahim', 'Ismail', 'Osman', 'Yusuf', 'Murat', 'Ali', 'Mehmet', 'Emir', 'Kemal', 'Selim', 'Fatih', 'Serkan', 'Hatice', 'Emine', 'Fatma', 'Sultan', 'Esra', 'Selin', 'Aylin', 'Derya', 'Gul', 'Seda', 'Edin', 'Amir', 'Mirza', 'Adnan', 'Lejla'],
    family: ['Ozdemir', 'Arslan', 'Dogan', 'Kilic', 'Aslan', 'Cetin', 'Kara', 'Koc', 'Kurt', 'Ozkan', 'Simsek', 'Polat', 'Erdogan', 'Yavuz', 'Aktas', 'Gunes', 'Tekin', 'Bozkurt', 'Karaca', 'Korkmaz', 'Hodzic', 'Hadzic', 'Begovic', 'Delic', 'Mehmedovic', 'Kovacevic', 'Suljic', 'Hasanovic', 'Omerovic', 'Ibrahimovic'],
  },
]
