// Country names as sanctions lists write them, to ISO 3166-1 alpha-2, through the runtime's Intl region names
// plus the spellings lists use that Intl does not.
const LIST_SPELLINGS: Record<string, string> = {
  'korea, north': 'KP', 'north korea': 'KP', "democratic people's republic of korea": 'KP',
  'korea, south': 'KR', 'south korea': 'KR', 'republic of korea': 'KR', burma: 'MM', myanmar: 'MM',
  'russian federation': 'RU', 'iran (islamic republic of)': 'IR', 'syrian arab republic': 'SY',
  'democratic republic of the congo': 'CD', 'congo, democratic republic of the': 'CD', 'congo': 'CG',
  'united states of america': 'US', 'united kingdom of great britain and northern ireland': 'GB',
  'venezuela (bolivarian republic of)': 'VE', "lao people's democratic republic": 'LA', 'viet nam': 'VN',
  'bolivia (plurinational state of)': 'BO', 'united republic of tanzania': 'TZ', 'turkiye': 'TR',
  'west bank': 'PS', 'gaza': 'PS', 'palestinian': 'PS', 'kosovo': 'XK', "cote d'ivoire": 'CI',
}

let byName: Map<string, string> | null = null

function table(): Map<string, string> {
  if (byName) return byName
  byName = new Map(Object.entries(LIST_SPELLINGS))
  const display = new Intl.DisplayNames(['en'], { type: 'region' })
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b)
      let name: string | undefined
      try {
        name = display.of(code)
      } catch {
        continue
      }
      if (name && name !== code && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), code)
    }
  }
  return byName
}

/** ISO alpha-2 code of a country name or code, or undefined when it is not recognised. */
export function countryCode(nameOrCode: string): string | undefined {
  const text = nameOrCode.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim()
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase()
  return table().get(text.toLowerCase().replace(/\s+/g, ' '))
}
