import type { Indicator, WatchlistEntry } from '../names/types.ts'
import { countryCode } from './countries.ts'
import { csvRecords } from './csv-records.ts'
import { remarkFacts } from './ofac-remarks.ts'

/**
 * OFAC's legacy CSV files, no header, `-0-` for empty:
 *   sdn.csv / cons_prim.csv   ent_num, name, type, program, title, call sign, vessel fields..., remarks
 *   alt.csv / cons_alt.csv    ent_num, alt_num, alt_type, alt_name, alt_remarks
 *   add.csv / cons_add.csv    ent_num, add_num, address, city/state, country, add_remarks
 *   sdn_comments.csv          ent_num, remarks overflow
 */
export interface OfacFiles {
  primary: string
  alt?: string
  add?: string
  comments?: string
}

const TYPES: Record<string, WatchlistEntry['type']> = { individual: 'person', vessel: 'vessel', aircraft: 'aircraft' }

export function parseOfacCsv(files: OfacFiles, list = 'ofac'): { entries: WatchlistEntry[]; indicators: Indicator[] } {
  const byId = new Map<string, WatchlistEntry>()
  const entries: WatchlistEntry[] = []
  for (const row of csvRecords(files.primary)) {
    const [id = '', name = '', type = '', program = '', , , , , , , , remarks = ''] = row.map(cell)
    if (!id || !name) continue
    const entry: WatchlistEntry = { list, id, name, aliases: [], type: TYPES[type.toLowerCase()] ?? (type ? 'unknown' : 'org') }
    const programs = program.split(/\]\s*\[|[[\]]/).map((p) => p.trim()).filter(Boolean)
    if (programs.length > 0) entry.programs = programs
    if (remarks) entry.remarks = remarks
    byId.set(id, entry)
    entries.push(entry)
  }
  for (const [id = '', text = ''] of records(files.comments)) {
    const entry = byId.get(id)
    if (entry && text) entry.remarks = (entry.remarks ?? '') + text
  }
  for (const [id = '', , , altName = ''] of records(files.alt)) {
    const entry = byId.get(id)
    if (entry && altName) entry.aliases.push(altName)
  }
  for (const [id = '', , , , country = ''] of records(files.add)) {
    const entry = byId.get(id)
    const code = country ? countryCode(country) : undefined
    if (entry && code) addUnique((entry.countries ??= []), code)
  }
  const indicators: Indicator[] = []
  for (const entry of entries) {
    if (!entry.remarks) continue
    const facts = remarkFacts(entry.remarks)
    for (const d of facts.birthDates) addUnique((entry.birthDates ??= []), d)
    // a nationality is also a country the entry is tied to, beside its addresses
    for (const c of facts.nationalities) {
      addUnique((entry.nationalities ??= []), c)
      addUnique((entry.countries ??= []), c)
    }
    for (const i of facts.indicators) indicators.push({ list, ...i, note: [i.note, `${entry.id} ${entry.name}`].filter(Boolean).join('; ') })
  }
  return { entries, indicators }
}

function cell(value: string | undefined): string {
  const v = (value ?? '').trim()
  return v === '-0-' ? '' : v
}

function records(text: string | undefined): string[][] {
  return text ? csvRecords(text).map((r) => r.map(cell)) : []
}

function addUnique(into: string[], value: string): void {
  if (!into.includes(value)) into.push(value)
}
