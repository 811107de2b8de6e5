import type { WatchlistEntry } from '../names/types.ts'
import { countryCode } from './countries.ts'

/**
 * The UN Security Council consolidated list (XML). A small tolerant extractor rather than an XML parser: the
 * file is flat and regular, and only INDIVIDUAL and ENTITY blocks with their names, aliases, dates of birth,
 * nationalities and address countries are needed.
 */
export function parseUnXml(xml: string, list = 'un'): WatchlistEntry[] {
  const entries: WatchlistEntry[] = []
  for (const block of blocks(xml, 'INDIVIDUAL')) entries.push(individual(block, list))
  for (const block of blocks(xml, 'ENTITY')) entries.push(entity(block, list))
  return entries.filter((e) => e.name !== '')
}

function individual(block: string, list: string): WatchlistEntry {
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((tag) => text(block, tag))
    .filter(Boolean)
    .join(' ')
  const entry = common(block, list, name, 'person', 'INDIVIDUAL_ALIAS')
  const birthDates: string[] = []
  for (const dob of blocks(block, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const date = text(dob, 'DATE')
    const year = text(dob, 'YEAR')
    if (date) birthDates.push(date.slice(0, 10))
    else if (year) birthDates.push(year)
    const from = text(dob, 'FROM_YEAR')
    const to = text(dob, 'TO_YEAR')
    if (from && to) for (let y = Number(from); y <= Number(to) && y - Number(from) < 20; y++) birthDates.push(String(y))
  }
  if (birthDates.length > 0) entry.birthDates = [...new Set(birthDates)]
  const nationalities = codes(blocks(block, 'NATIONALITY').flatMap((n) => values(n)))
  if (nationalities.length > 0) entry.nationalities = nationalities
  // the countries it is tied to: nationalities first, then addresses
  const countries = [...new Set([...nationalities, ...addressCountries(block, 'INDIVIDUAL_ADDRESS')])]
  if (countries.length > 0) entry.countries = countries
  return entry
}

function entity(block: string, list: string): WatchlistEntry {
  const entry = common(block, list, text(block, 'FIRST_NAME'), 'org', 'ENTITY_ALIAS')
  const countries = addressCountries(block, 'ENTITY_ADDRESS')
  if (countries.length > 0) entry.countries = countries
  return entry
}

function addressCountries(block: string, tag: string): string[] {
  return codes(blocks(block, tag).map((a) => text(a, 'COUNTRY')))
}

/** ISO codes of the country names given, once each, unrecognised ones left out. */
function codes(names: string[]): string[] {
  const out = new Set<string>()
  for (const name of names) {
    const code = name === '' ? undefined : countryCode(name)
    if (code) out.add(code)
  }
  return [...out]
}

function common(block: string, list: string, name: string, type: WatchlistEntry['type'], aliasTag: string): WatchlistEntry {
  const aliases = blocks(block, aliasTag)
    .map((a) => text(a, 'ALIAS_NAME'))
    .filter((a) => a !== '' && a !== name)
  const original = text(block, 'NAME_ORIGINAL_SCRIPT')
  if (original) aliases.push(original)
  const entry: WatchlistEntry = { list, id: text(block, 'REFERENCE_NUMBER') || text(block, 'DATAID'), name, aliases, type }
  const program = text(block, 'UN_LIST_TYPE')
  if (program) entry.programs = [program]
  const remarks = text(block, 'COMMENTS1')
  if (remarks) entry.remarks = remarks
  return entry
}

/** The inner text of each <tag>...</tag> element (not nested in itself), in order. */
function blocks(xml: string, tag: string): string[] {
  const open = `<${tag}>`
  const close = `</${tag}>`
  const out: string[] = []
  for (let at = xml.indexOf(open); at !== -1; at = xml.indexOf(open, at)) {
    const end = xml.indexOf(close, at)
    if (end === -1) break
    out.push(xml.slice(at + open.length, end))
    at = end + close.length
  }
  return out
}

/** The text of the first <tag> directly or indirectly inside, decoded; empty for a missing or empty element. */
function text(xml: string, tag: string): string {
  return decode(blocks(xml, tag)[0] ?? '').trim()
}

function values(xml: string): string[] {
  return blocks(xml, 'VALUE').map((v) => decode(v).trim()).filter(Boolean)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(s: string): string {
  if (s.indexOf('&') === -1) return s
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10)
      return Number.isFinite(n) ? String.fromCodePoint(n) : m
    }
    return ENTITIES[code.toLowerCase()] ?? m
  })
}
