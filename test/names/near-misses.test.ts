import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildNameIndex, DEFAULT_NAME_THRESHOLD } from '../../src/core/names/index.ts'
import { readCsvRows, repoRoot, screeningLists, sharedWords } from './shared-data.ts'

// Ordinary customers who share exactly one name word with a listed person ("Ricardo Gutierrez" and "GUTIERREZ
// RESTREPO, Luis Fernando"): common given names and surnames crossed with the OFAC SDN 2019 and UN lists by
// scripts/name-fixtures (fixtures/names/near-misses.csv, 400 pairs). The issue's bar: at most 10% of them reported at
// the default threshold.
const BAR = 0.1

describe('near misses: common names sharing one word with a listed person', () => {
  it('reports at most 10% of them at the default threshold, and shows them with a lower minScore', async () => {
    const pairs = readCsvRows(path.join(repoRoot, 'fixtures/names/near-misses.csv')).map(([query = '', list = '', id = '', name = '']) => ({ query, list, id, name }))
    expect(pairs.length).toBe(400)
    const { entries, source } = await screeningLists()
    const index = buildNameIndex(entries)
    const byKey = new Map(entries.map((e) => [`${e.list}/${e.id}`, e]))
    const returned = pairs.filter((p) => index.search(p.query, { type: 'person' }).some((m) => m.entry.list === p.list && m.entry.id === p.id))
    const shown = pairs.filter((p) => index.search(p.query, { type: 'person', minScore: 0.4, limit: 100 }).some((m) => m.entry.list === p.list && m.entry.id === p.id))
    const rate = returned.length / pairs.length
    console.info(
      `near misses (${source}): ${returned.length}/${pairs.length} = ${rate.toFixed(3)} reported at ${DEFAULT_NAME_THRESHOLD}; ` +
        `${shown.length} shown at minScore 0.4` +
        (returned.length > 0 ? `; reported: ${returned.map((p) => `${p.query} / ${p.name}`).join('; ')}` : ''),
    )
    // every pair is what it claims: its entry is in the lists, and none of its names shares more than one word
    // with the query
    expect(pairs.filter((p) => !byKey.has(`${p.list}/${p.id}`))).toEqual([])
    const sharesMore = (p: (typeof pairs)[number]) => {
      const e = byKey.get(`${p.list}/${p.id}`)!
      return [e.name, ...e.aliases].some((n) => sharedWords(p.query, n).shared > 1)
    }
    expect(pairs.filter(sharesMore)).toEqual([])
    expect(rate).toBeLessThanOrEqual(BAR)
    expect(shown.length).toBeGreaterThan(pairs.length * 0.8)
  }, 60_000)
})
