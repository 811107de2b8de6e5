import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildNameIndex, DEFAULT_NAME_THRESHOLD } from '../../src/core/names/index.ts'
import { readCsvRows, repoRoot, screeningLists, sharedWords } from './shared-data.ts'

// The second near-miss set (issue 17, session names28): common names of the corridor communities (Pashto and Dari,
// Kurdish, Albanian, Vietnamese, Central American, Eritrean and Ethiopian, Somali, Maghrebi, Levantine and Gulf,
// Persian, Pakistani and Bangladeshi, Turkish and Bosnian), written down apart from the generator's stock
// (scripts/name-fixtures/culture-names.ts), each crossed with a listed person it shares exactly one word with
// (fixtures/names/near-misses-cultures.csv, scripts/name-fixtures/near-misses-cultures.ts). The issue's bar: at most
// 10% reported at the default threshold, over the set and in each community of 30 pairs or more.
const BAR = 0.1

describe('near misses by community: one word shared with a listed person', () => {
  it('reports at most 10% of them at the default threshold', async () => {
    const pairs = readCsvRows(path.join(repoRoot, 'fixtures/names/near-misses-cultures.csv')).map(([region = '', query = '', list = '', id = '', name = '']) => ({ region, query, list, id, name }))
    expect(pairs.length).toBeGreaterThan(400)
    const { entries, source } = await screeningLists()
    const index = buildNameIndex(entries)
    const byKey = new Map(entries.map((e) => [`${e.list}/${e.id}`, e]))
    expect(pairs.filter((p) => !byKey.has(`${p.list}/${p.id}`))).toEqual([])
    const sharesMore = (p: (typeof pairs)[number]) => {
      const e = byKey.get(`${p.list}/${p.id}`)!
      return [e.name, ...e.aliases].some((n) => sharedWords(p.query, n).shared > 1)
    }
    expect(pairs.filter(sharesMore)).toEqual([])
    const returned = pairs.filter((p) => index.search(p.query, { type: 'person' }).some((m) => m.entry.list === p.list && m.entry.id === p.id))
    const regions = [...new Set(pairs.map((p) => p.region))]
    const byRegion = regions.map((r) => ({ r, n: pairs.filter((p) => p.region === r).length, hit: returned.filter((p) => p.region === r).length }))
    console.info(
      `near misses by community (${source}): ${returned.length}/${pairs.length} = ${(returned.length / pairs.length).toFixed(3)} reported at ${DEFAULT_NAME_THRESHOLD}; ` +
        byRegion.map(({ r, n, hit }) => `${r} ${hit}/${n}`).join(', ') +
        (returned.length > 0 ? `; reported: ${returned.map((p) => `${p.query} / ${p.name}`).join('; ')}` : ''),
    )
    expect(returned.length / pairs.length).toBeLessThanOrEqual(BAR)
    for (const { r, n, hit } of byRegion) if (n >= 30) expect({ r, rate: hit / n }).toEqual({ r, rate: expect.toSatisfy((x: number) => x <= BAR) })
  }, 60_000)
})
