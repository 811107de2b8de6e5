/**
 * Smuggling routes the generator plants instalments along: the countries in travel order, origin first. A payer
 * funds the route leg by leg, so the payees sit in consecutive countries after the origin. Sources are those of
 * shared/reference/typologies.md §4 (corridors) and §1 (TRANSIT); the country orders are the corridors as those
 * sources describe them, one concrete path each.
 */
export interface Route {
  name: string
  /** origin, transit countries and destination, in travel order */
  countries: readonly string[]
  source: string
}

export const ROUTES: readonly Route[] = [
  { name: 'channel-balkans', countries: ['IQ', 'TR', 'BG', 'RS', 'AT', 'DE', 'FR', 'GB'], source: 'typologies.md §4 Channel/UK: S16 (Reuters 2021), S17 (El País/Solomon 2023), S13 (CPS 2024), S18 (AP 2021)' },
  { name: 'channel-belarus', countries: ['IQ', 'BY', 'PL', 'DE', 'FR', 'GB'], source: 'typologies.md §4 Channel/UK via Belarus; S16 (a leg released by hawala in Belarus/Germany, then EUR 350 for the next)' },
  { name: 'channel-vietnam', countries: ['VN', 'RS', 'HU', 'AT', 'DE', 'FR', 'GB'], source: 'typologies.md §4 Channel/UK (Vietnam among origins); S11 (UNODC 2018, Vietnam to Western Europe)' },
  { name: 'aegean-balkans', countries: ['SY', 'TR', 'GR', 'RS', 'HU', 'AT', 'DE'], source: 'typologies.md §4 Eastern Mediterranean/Western Balkans: S38 (Frontex 2024), S18, S17' },
  { name: 'aegean-bosnia', countries: ['AF', 'TR', 'GR', 'BA', 'HR', 'AT', 'DE'], source: 'typologies.md §4 Eastern Mediterranean/Western Balkans: S38 (Frontex 2024), S18 (central-Europe leg about EUR 4,000)' },
  { name: 'central-med-libya', countries: ['BD', 'LY', 'IT', 'FR'], source: 'typologies.md §4 Central Mediterranean: S38 (Frontex 2024), S20 (Libya to Italy prices), S11' },
  { name: 'central-med-tunisia', countries: ['ML', 'TN', 'IT', 'FR'], source: 'typologies.md §4 Central Mediterranean and §1a (Tunisia to Italy, S20)' },
  { name: 'atlantic', countries: ['ML', 'MR', 'ES', 'FR'], source: 'typologies.md §4 Western African/Atlantic: S38 (Frontex, transit through Mauritania to the Canary Islands)' },
  { name: 'us-southwest-honduras', countries: ['HN', 'GT', 'MX', 'US'], source: 'typologies.md §4 US southwest border: S2 (FIN-2014-A008), S4 (FIN-2023-Alert001)' },
  { name: 'us-southwest-salvador', countries: ['SV', 'GT', 'MX', 'US'], source: 'typologies.md §4 US southwest border: S2, S4, S21' },
  { name: 'australia', countries: ['IQ', 'TR', 'ID', 'AU'], source: 'typologies.md §4 Australia: S6a, S6b (AUSTRAC; Iraq and Iran via Indonesia)' },
  // Frontex's main routes (S38) as other concrete paths than the ones above (issue 17, hrr30): an independent
  // generator draws its own, so some hops here are on no route of the rule pack's first list
  { name: 'western-med', countries: ['GN', 'MA', 'ES', 'FR'], source: 'Frontex Western Mediterranean route (S38); typologies.md §4 (Guinea, Côte d\'Ivoire among top nationalities)' },
  { name: 'western-med-algeria', countries: ['DZ', 'MA', 'ES', 'FR', 'BE'], source: 'Frontex Western Mediterranean route (S38)' },
  { name: 'atlantic-senegal', countries: ['GM', 'SN', 'MR', 'ES', 'FR'], source: 'Frontex Western African (Atlantic) route (S38): departures from Senegal and Mauritania to the Canary Islands' },
  { name: 'central-med-malta', countries: ['ER', 'SD', 'LY', 'MT', 'IT'], source: 'Frontex Central Mediterranean route (S38); typologies.md §4 (Horn of Africa via Sudan to Libya; Italy, Malta)' },
  { name: 'central-med-egypt', countries: ['EG', 'LY', 'IT', 'FR', 'GB'], source: 'Frontex Central Mediterranean route (S38); Channel onward (S16)' },
  { name: 'eastern-med-cyprus', countries: ['SY', 'LB', 'CY'], source: 'Frontex Eastern Mediterranean route (S38): Cyprus from Lebanon' },
  { name: 'eastern-med-italy', countries: ['AF', 'IR', 'TR', 'GR', 'IT', 'FR'], source: 'Frontex Eastern Mediterranean route (S38), onward from Greece by ferry to Italy' },
  { name: 'western-balkans-albania', countries: ['SY', 'TR', 'GR', 'AL', 'ME', 'BA', 'HR', 'SI', 'AT', 'DE'], source: 'Frontex Western Balkans route (S38); typologies.md §4' },
  { name: 'eastern-land-latvia', countries: ['IQ', 'RU', 'BY', 'LV', 'LT', 'PL', 'DE'], source: 'Frontex Eastern land border route (S38): Belarus to Latvia, Lithuania and Poland' },
  { name: 'eastern-land-finland', countries: ['SY', 'RU', 'FI', 'SE'], source: 'Frontex Eastern land border route (S38): Russia to Finland' },
  { name: 'channel-italy', countries: ['ER', 'LY', 'IT', 'FR', 'BE', 'GB'], source: 'Frontex Channel route (S38) after the Central Mediterranean; typologies.md §4 Channel/UK' },
]

/** cities of route countries the rest of the generator does not know (geography.ts): a leg's payee lives there */
export const ROUTE_CITIES: Readonly<Record<string, readonly string[]>> = {
  GN: ['Conakry'], DZ: ['Algiers', 'Oran'], GM: ['Banjul'], SN: ['Dakar', 'Saint-Louis'], ER: ['Asmara'],
  SD: ['Khartoum', 'Port Sudan'], MT: ['Valletta', 'Birzebbuga'], EG: ['Cairo', 'Alexandria'], LB: ['Beirut', 'Tripoli'],
  CY: ['Nicosia', 'Larnaca'], ME: ['Podgorica', 'Bar'], SI: ['Ljubljana', 'Koper'], RU: ['Moscow', 'Saint Petersburg'],
  LV: ['Riga', 'Daugavpils'], LT: ['Vilnius', 'Kaunas'], FI: ['Helsinki', 'Lappeenranta'], SE: ['Stockholm', 'Malmo'],
}
