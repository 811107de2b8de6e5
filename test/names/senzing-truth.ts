import { readFileSync } from 'node:fs'
import path from 'node:path'
import { csvObjects } from '../../src/core/lists/csv-records.ts'
import { buildIndicatorIndex, buildNameIndex, type Indicator, type WatchlistEntry } from '../../src/core/names/index.ts'
import { nameMatchingDir } from './shared-data.ts'

// Senzing's truth set (senzing/demo): a watchlist, customers and reference records, and the true groupings.

type Row = Record<string, string>

const dir = path.join(nameMatchingDir, 'senzing/demo')
const read = (file: string): Row[] => csvObjects(readFileSync(path.join(dir, file), 'utf8'))

function nameOf(r: Row): string {
  const parts = [r['primary_name_first'], r['primary_name_middle'], r['primary_name_last']].filter(Boolean).join(' ')
  return r['primary_name_full'] || r['primary_name_org'] || parts || r['native_name_full'] || ''
}

/** Senzing writes dates as M/D/YY, M/D/YYYY or YYYY-MM-DD. */
function isoDate(text: string | undefined): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text ?? '')
  if (!m) return /^\d{4}-\d{2}-\d{2}$/.test(text ?? '') ? text : undefined
  const year = m[3]!.length === 2 ? (Number(m[3]) > 30 ? '19' : '20') + m[3] : m[3]!
  return `${year}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`
}

export interface TiedGroup {
  id: string
  /** the watchlist records of the group */
  watch: Set<string>
  /** its other records (customers, reference), as rows */
  members: Row[]
}

/**
 * The groups that tie a watchlist record to other records, and a check of whether a member finds its watchlist
 * record: by name (with its date of birth, as a detail) among the matches at `minScore`, or, for a record the list
 * knows by no name, by its e-mail or phone as the rule engine would.
 */
export function senzingTruth(): { groups: TiedGroup[]; finds: (g: TiedGroup, opts: { minScore?: number; limit?: number }) => boolean } {
  const watchlist = read('watchlist.csv')
  const others = new Map([...read('customers.csv'), ...read('reference.csv')].map((r) => [`${r['data_source']}/${r['record_id']}`, r]))
  const entries: WatchlistEntry[] = watchlist.map((r) => {
    const dob = isoDate(r['date_of_birth'])
    return { list: 'WATCHLIST', id: r['record_id']!, name: nameOf(r), aliases: [r['native_name_full'] ?? ''].filter(Boolean), type: 'person', ...(dob && { birthDates: [dob] }) }
  })
  const indicators: Indicator[] = watchlist.flatMap((r) =>
    (['email_address', 'phone_number'] as const)
      .filter((f) => r[f])
      .map((f) => ({ list: 'WATCHLIST', type: f === 'email_address' ? ('email' as const) : ('phone' as const), value: r[f]!, note: r['record_id']! })),
  )
  const names = buildNameIndex(entries)
  const intel = buildIndicatorIndex(indicators)
  const byCluster = new Map<string, TiedGroup>()
  for (const k of read('actual_truthset_key.csv')) {
    const g = byCluster.get(k['cluster_id']!) ?? { id: k['cluster_id']!, watch: new Set<string>(), members: [] }
    byCluster.set(g.id, g)
    if (k['data_source'] === 'WATCHLIST') g.watch.add(k['record_id']!)
    else g.members.push(others.get(`${k['data_source']}/${k['record_id']}`)!)
  }
  const groups = [...byCluster.values()].filter((g) => g.watch.size > 0 && g.members.length > 0)
  const finds = (g: TiedGroup, opts: { minScore?: number; limit?: number }) =>
    g.members.some((r) => {
      const dob = isoDate(r['date_of_birth'])
      const top = names.search(nameOf(r), { type: 'person', ...opts, ...(dob && { dateOfBirth: dob }) })
      if (top.some((m) => g.watch.has(m.entry.id))) return true
      const hits = [...intel.lookup('email', r['email_address'] ?? ''), ...intel.lookup('phone', r['phone_number'] ?? '')]
      return hits.some((i) => g.watch.has(i.note!))
    })
  return { groups, finds }
}
