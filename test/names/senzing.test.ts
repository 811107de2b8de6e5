import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { csvObjects } from '../../src/core/lists/csv-records.ts'
import { buildIndicatorIndex, buildNameIndex, type Indicator, type WatchlistEntry } from '../../src/core/names/index.ts'
import { hasNameMatching, nameMatchingDir } from './shared-data.ts'

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

describe.skipIf(!hasNameMatching)('Senzing truth set: watchlist groups', () => {
  it('finds every group that ties a watchlist record to other records in the top 3', () => {
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

    const groups = new Map<string, { watch: Set<string>; members: string[] }>()
    for (const k of read('actual_truthset_key.csv')) {
      const g = groups.get(k['cluster_id']!) ?? { watch: new Set<string>(), members: [] }
      groups.set(k['cluster_id']!, g)
      if (k['data_source'] === 'WATCHLIST') g.watch.add(k['record_id']!)
      else g.members.push(`${k['data_source']}/${k['record_id']}`)
    }
    const tied = [...groups.entries()].filter(([, g]) => g.watch.size > 0 && g.members.length > 0)
    expect(tied.length).toBe(9)

    const missed = tied.filter(([, g]) => {
      return !g.members.some((key) => {
        const r = others.get(key)!
        const dob = isoDate(r['date_of_birth'])
        const top = names.search(nameOf(r), { type: 'person', limit: 3, minScore: 0, ...(dob && { birthDate: dob }) })
        if (top.some((m) => g.watch.has(m.entry.id))) return true
        // a record the list knows by no name is found by its e-mail or phone, as the rule engine would
        const hits = [...intel.lookup('email', r['email_address'] ?? ''), ...intel.lookup('phone', r['phone_number'] ?? '')]
        return hits.some((i) => g.watch.has(i.note!))
      })
    })
    expect(missed.map(([id]) => id)).toEqual([])
  })
})
