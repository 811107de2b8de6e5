/**
 * Innocent references in the corridors' languages for the `innocent_memo` hard-negative family (issue 17, session
 * memo29): travel, fuel, boat hire, visa fees, tickets, wages, rent, many sharing a word with a smuggling phrase
 * (a boat, a crossing, a road, money for something, England, a visa). Each says whom it is paid to and its amount
 * range in major units; relatives' and agencies' payments are fee-sized and go to corridor countries, where a
 * code word would be worth review on its own, so the lexicon has to tell them apart by the words.
 */
export interface InnocentPhrase {
  text: string
  to: 'friend' | 'business' | 'relative'
  lo: number
  hi: number
  countries?: readonly string[]
}

export const INNOCENT_PHRASES: readonly InnocentPhrase[] = [
  // Turkish: fuel money, boat hire, visa fee, ferry ticket Bodrum-Kos, wages, plane ticket, holiday hotel
  { text: 'yakıt parası', to: 'friend', lo: 20, hi: 200 },
  { text: 'tekne kiralama', to: 'business', lo: 150, hi: 1500 },
  { text: 'vize ücreti', to: 'relative', lo: 350, hi: 2500, countries: ['TR'] },
  { text: 'feribot bileti Bodrum-Kos', to: 'business', lo: 40, hi: 400 },
  { text: 'maaş', to: 'friend', lo: 300, hi: 2000 },
  { text: 'uçak bileti annem için', to: 'relative', lo: 350, hi: 1800, countries: ['TR'] },
  { text: 'otel tatil ödemesi', to: 'business', lo: 200, hi: 2500 },
  // Albanian: plane ticket, fuel, wage, visa for England, boat hire (varkë me qira), holiday in Sarandë
  { text: 'bileta avioni', to: 'relative', lo: 350, hi: 1500, countries: ['AL'] },
  { text: 'naftë për makinën', to: 'friend', lo: 20, hi: 200 },
  { text: 'paga e muajit', to: 'friend', lo: 300, hi: 2000 },
  { text: 'viza për Angli', to: 'relative', lo: 400, hi: 2500, countries: ['AL'] },
  { text: 'varkë me qira Sarandë', to: 'business', lo: 100, hi: 900 },
  { text: 'pushime në Vlorë', to: 'business', lo: 200, hi: 2000 },
  // Kurdish: fuel money, wages, plane ticket, visa for Britain, family trip, for mum
  { text: 'pereyê benzînê', to: 'friend', lo: 20, hi: 200 },
  { text: 'mûçe', to: 'friend', lo: 300, hi: 1800 },
  { text: 'bilêta balafirê', to: 'relative', lo: 350, hi: 1500, countries: ['IQ', 'TR'] },
  { text: 'vîza bo Brîtanya', to: 'relative', lo: 400, hi: 2500, countries: ['IQ'] },
  { text: 'pare bo dayka', to: 'relative', lo: 350, hi: 3000, countries: ['IQ', 'TR'] },
  // Arabic in Latin letters: plane ticket, visa fees, petrol, salary, family trip, fishing boat hire
  { text: 'thaman tazkarat al tayara', to: 'relative', lo: 350, hi: 1800, countries: ['IQ', 'SY', 'TN', 'LY'] },
  { text: 'rusum al visa', to: 'relative', lo: 350, hi: 2500, countries: ['IQ', 'SY', 'TN'] },
  { text: 'banzeen', to: 'friend', lo: 20, hi: 200 },
  { text: 'ratib al shahr', to: 'friend', lo: 300, hi: 2000 },
  { text: 'rihla 3a2iliya', to: 'business', lo: 300, hi: 3000 },
  { text: 'ijar markab sayd', to: 'business', lo: 150, hi: 1200 },
  // Vietnamese: plane ticket money, fuel money, wages, visa fee, tourism, train ticket
  { text: 'tiền vé máy bay', to: 'relative', lo: 350, hi: 1800, countries: ['VN'] },
  { text: 'tiền xăng', to: 'friend', lo: 20, hi: 150 },
  { text: 'tiền lương tháng', to: 'friend', lo: 300, hi: 2000 },
  { text: 'phí visa du lịch', to: 'relative', lo: 350, hi: 2000, countries: ['VN'] },
  { text: 'tiền du lịch Đà Nẵng', to: 'relative', lo: 350, hi: 2500, countries: ['VN'] },
  { text: 'vé tàu hỏa', to: 'relative', lo: 40, hi: 300, countries: ['VN'] },
  // Spanish: petrol, boat hire, visa payment, weekly wage, plane tickets, bus fare, trip to Cancún
  { text: 'gasolina', to: 'friend', lo: 20, hi: 150 },
  { text: 'renta de lancha', to: 'business', lo: 150, hi: 1200 },
  { text: 'pago de la visa', to: 'relative', lo: 350, hi: 1500, countries: ['MX', 'GT', 'HN', 'SV'] },
  { text: 'sueldo de la semana', to: 'friend', lo: 200, hi: 1200 },
  { text: 'boletos de avion', to: 'relative', lo: 350, hi: 2500, countries: ['MX', 'GT'] },
  { text: 'pasaje de autobus', to: 'relative', lo: 30, hi: 200, countries: ['MX', 'GT'] },
  { text: 'viaje a Cancun', to: 'business', lo: 300, hi: 3000 },
  // Indonesian: boat hire, plane ticket, petrol money, this month's wage, visa fee, ferry ticket
  { text: 'sewa kapal', to: 'business', lo: 100, hi: 1200 },
  { text: 'tiket pesawat', to: 'relative', lo: 350, hi: 1500, countries: ['ID'] },
  { text: 'uang bensin', to: 'friend', lo: 15, hi: 150 },
  { text: 'gaji bulan ini', to: 'friend', lo: 300, hi: 1500 },
  { text: 'biaya visa', to: 'relative', lo: 350, hi: 1500, countries: ['ID'] },
  { text: 'tiket kapal ferry Lombok', to: 'business', lo: 20, hi: 300 },
  // French: petrol, boat hire, visa fees, salary, plane ticket, ferry crossing to Corsica
  { text: 'essence', to: 'friend', lo: 20, hi: 150 },
  { text: 'location bateau', to: 'business', lo: 150, hi: 1500 },
  { text: 'frais de visa', to: 'relative', lo: 350, hi: 1500, countries: ['TN', 'ML', 'MA'] },
  { text: 'salaire', to: 'friend', lo: 300, hi: 2500 },
  { text: "billet d'avion pour maman", to: 'relative', lo: 350, hi: 1800, countries: ['TN', 'ML', 'MA'] },
  { text: 'traversée en ferry Marseille-Ajaccio', to: 'business', lo: 80, hi: 900 },
  // Italian: boat hire, petrol, salary, plane ticket, ferry to Greece
  { text: 'noleggio barca', to: 'business', lo: 150, hi: 1500 },
  { text: 'benzina', to: 'friend', lo: 20, hi: 150 },
  { text: 'stipendio', to: 'friend', lo: 300, hi: 2500 },
  { text: 'biglietto aereo', to: 'business', lo: 100, hi: 1500 },
  { text: 'traghetto per la Grecia', to: 'business', lo: 80, hi: 900 },
  // Urdu, Pashto and Dari in Latin letters: wages, petrol, visa fees, ticket money, rent, road trip to the village
  { text: 'tankhwa', to: 'friend', lo: 300, hi: 1500 },
  { text: 'petrol ka kharcha', to: 'friend', lo: 20, hi: 150 },
  { text: 'visa fees Dubai', to: 'relative', lo: 350, hi: 1500, countries: ['PK', 'AF', 'BD'] },
  { text: 'ticket ke paise', to: 'relative', lo: 350, hi: 1500, countries: ['PK', 'BD'] },
  { text: 'kiraya makan', to: 'relative', lo: 350, hi: 1500, countries: ['PK', 'AF'] },
  { text: 'safar kharcha gaon', to: 'relative', lo: 350, hi: 2000, countries: ['PK', 'AF'] },
  // Amharic and Tigrinya in Latin letters: plane ticket, salary, visa payment (Eritreans' and Ethiopians' relatives
  // in the Gulf and Turkey: the generator has no cities in ER or ET)
  { text: 'ye awroplan tiket', to: 'relative', lo: 350, hi: 1500, countries: ['AE', 'TR'] },
  { text: 'demoz', to: 'friend', lo: 300, hi: 1500 },
  { text: 'ye visa kifiya', to: 'relative', lo: 350, hi: 1500, countries: ['AE', 'TR'] },
  // English: boat hire deposit, visa application, flights to Turkey, fishing trip, fuel card, weekly wages, border town
  { text: 'boat hire deposit', to: 'business', lo: 150, hi: 1500 },
  { text: 'visa application fee', to: 'relative', lo: 350, hi: 1500, countries: ['IQ', 'PK', 'NG', 'VN', 'AL'] },
  { text: 'flights to Turkey', to: 'relative', lo: 350, hi: 2500, countries: ['TR'] },
  { text: 'fishing trip', to: 'friend', lo: 40, hi: 400 },
  { text: 'fuel card top up', to: 'business', lo: 50, hi: 600 },
  { text: 'weekly wages', to: 'friend', lo: 300, hi: 1500 },
]
