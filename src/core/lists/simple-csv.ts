import type { Indicator, WatchlistEntry } from '../names/types.ts'
import { countryCode } from './countries.ts'
import { csvObjects } from './csv-records.ts'

const ENTRY_TYPES = new Set<WatchlistEntry['type']>(['person', 'org', 'vessel', 'aircraft', 'unknown'])
const TYPE_WORDS: Record<string, WatchlistEntry['type']> = { individual: 'person', entity: 'org', organisation: 'org', organization: 'org', company: 'org' }
const INDICATOR_TYPES = new Set<Indicator['type']>(['phone', 'email', 'handle', 'wallet', 'account', 'name'])

/**
 * A plain watchlist: header `id,name,type,country,aliases`, aliases separated by `;`; optional `birthdate` (or `dob`)
 * and `nationality` columns, several values separated by `;`.
 */
export function parseListCsv(text: string, list: string): WatchlistEntry[] {
  return csvObjects(text).flatMap((row, i) => {
    const name = row['name'] ?? ''
    if (name === '') return []
    const typeText = (row['type'] ?? '').toLowerCase()
    const type = ENTRY_TYPES.has(typeText as WatchlistEntry['type']) ? (typeText as WatchlistEntry['type']) : (TYPE_WORDS[typeText] ?? 'unknown')
    const entry: WatchlistEntry = {
      list,
      id: row['id'] || String(i + 1),
      name,
      aliases: splitList(row['aliases']),
      type,
    }
    const countries = splitList(row['country']).map((c) => countryCode(c) ?? c)
    if (countries.length > 0) entry.countries = countries
    const dob = splitList(row['birthdate'] ?? row['dob'])
    if (dob.length > 0) entry.birthDates = dob
    const nationalities = splitList(row['nationality']).map((c) => countryCode(c) ?? c)
    if (nationalities.length > 0) entry.nationalities = nationalities
    return [entry]
  })
}

/** Indicators: header `type,value,source,note`; an unknown type is an error, naming its line. */
export function parseIndicatorsCsv(text: string, list: string): Indicator[] {
  return csvObjects(text).flatMap((row, i) => {
    const type = (row['type'] ?? '').toLowerCase() as Indicator['type']
    const value = row['value'] ?? ''
    if (value === '') return []
    if (!INDICATOR_TYPES.has(type)) {
      throw new Error(`line ${i + 2}: unknown indicator type "${row['type']}" (expected ${[...INDICATOR_TYPES].join(', ')})`)
    }
    const indicator: Indicator = { list, type, value }
    if (row['source']) indicator.source = row['source']
    if (row['note']) indicator.note = row['note']
    return [indicator]
  })
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
}
