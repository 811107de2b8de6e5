import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_NAME_THRESHOLD, normaliseName } from '../../src/core/names/index.ts'
import { hasNameMatching, nameMatchingDir, readCsvRows } from './shared-data.ts'
import { pairScore } from './pair-score.ts'

// nomenklatura's fixtures: scores OFAC's own Sanctions List Search gave (query, result), -1 = not returned.
describe.skipIf(!hasNameMatching)('OFAC fixtures (nomenklatura)', () => {
  const rows = hasNameMatching ? readCsvRows(path.join(nameMatchingDir, 'opensanctions/ofac_fixtures.csv')) : []
  const scored = rows.map(([query = '', result = '', ofac = '']) => ({ query, result, ofac: Number(ofac), ours: pairScore(query, result) }))

  /** the same name once transliterated and spacing ignored: what the issue asks us to find, whatever OFAC did */
  const sameName = (a: string, b: string) => {
    const [na, nb] = [normaliseName(a), normaliseName(b)]
    const sorted = (n: typeof na) => n.tokens.map((t) => t.text).sort().join(' ')
    const joined = (n: typeof na) => n.tokens.map((t) => t.text).join('')
    return sorted(na) === sorted(nb) || joined(na) === joined(nb)
  }

  it('puts every pair OFAC did not return below the threshold, unless it is the same name after normalisation', () => {
    const notReturned = scored.filter((r) => r.ofac === -1)
    expect(notReturned.length).toBeGreaterThan(5)
    // OFAC's search neither transliterates ("Владимир Путин") nor joins split words ("ALQAEDA"); the issue asks
    // for both, so those pairs are expected above the threshold and checked to be so
    const wrong = notReturned.filter((r) => (r.ours >= DEFAULT_NAME_THRESHOLD) !== sameName(r.query, r.result))
    expect(wrong).toEqual([])
  })

  it('ranks the names OFAC scored 100 first for each query', () => {
    const queries = [...new Set(scored.map((r) => r.query))]
    const misordered = queries.flatMap((q) => {
      const rowsOfQuery = scored.filter((r) => r.query === q)
      const best = Math.max(...rowsOfQuery.map((r) => r.ours))
      return rowsOfQuery.filter((r) => r.ofac === 100 && sameName(r.query, r.result) && r.ours < best - 1e-9)
    })
    expect(misordered).toEqual([])
  })

  // OFAC's score is recall-oriented (whole-string Jaro-Winkler, generous to a shared first name or surname):
  // "VLADIMIR PUTIN" scores 90 against "VLADIMIR BILIY", "JOHN SMITH" 85 against "JOHN, Damien". Our default scorer
  // reports such people's names as leads at exactly the threshold (compare-names.ts, isLead); logic-v2 then loses
  // "John Doe"/"John Down", which shares strictly more than "JOHN SMITH"/"JOHN, Damien" (see logic-v2.test.ts).
  it('puts every pair OFAC scored 85 or more at or above the threshold', () => {
    const strong = scored.filter((r) => r.ofac >= 85)
    const below = strong.filter((r) => r.ours < DEFAULT_NAME_THRESHOLD)
    console.info(`OFAC >= 85: ${strong.length - below.length}/${strong.length} at or above ${DEFAULT_NAME_THRESHOLD}`)
    // the lone letter "Z" finds "DONCOALTRADE SP Z O O" by the "z" of its legal form (normalize-name.ts)
    expect(below).toEqual([])
  })
})
