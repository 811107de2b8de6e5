import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_NAME_THRESHOLD, normaliseName } from '../../src/core/names/index.ts'
import { ONE_WORD_CAP } from '../../src/core/names/compare-names.ts'
import { nameMatchingDir, readCsvRows, sharedWords } from './shared-data.ts'
import { pairScore } from './pair-score.ts'

// nomenklatura's fixtures: scores OFAC's own Sanctions List Search gave (query, result), -1 = not returned.
describe('OFAC fixtures (nomenklatura)', () => {
  const rows = readCsvRows(path.join(nameMatchingDir, 'opensanctions/ofac_fixtures.csv'))
  const scored = rows.map(([query = '', result = '', ofac = '']) => ({ query, result, ofac: Number(ofac), ours: pairScore(query, result), ...sharedWords(query, result) }))
  // OFAC's search is recall-oriented: "JOHN SMITH" scores 85 against "JOHN, Damien", "XI JINPING" 91 against "LIU,
  // Jingping". A query of two words or more that shares one word with a name is below our threshold instead (see
  // ONE_WORD_CAP), still reported with a lower minScore
  const oneWord = scored.filter((r) => r.ofac >= 85 && r.words >= 2 && r.shared <= 1)
  const strong = scored.filter((r) => r.ofac >= 85 && !(r.words >= 2 && r.shared <= 1))

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

  it('puts every pair OFAC scored 85 or more at or above the threshold, when it shares two words or more', () => {
    const below = strong.filter((r) => r.ours < DEFAULT_NAME_THRESHOLD)
    console.info(`OFAC >= 85 sharing two words or more (or a one-word query): ${strong.length - below.length}/${strong.length} at or above ${DEFAULT_NAME_THRESHOLD}`)
    expect(strong.length).toBeGreaterThan(80)
    // the lone letter "Z" finds "DONCOALTRADE SP Z O O" by the "z" of its legal form (normalize-name.ts)
    expect(below.map((r) => `${r.query} / ${r.result} ${r.ours.toFixed(3)}`)).toEqual([])
  })

  it('puts the pairs OFAC scored 85 or more that share one word of a longer query below the threshold, still above 0.4', () => {
    const above = oneWord.filter((r) => r.ours >= DEFAULT_NAME_THRESHOLD)
    const scores = oneWord.map((r) => r.ours).sort((a, b) => a - b)
    console.info(`OFAC >= 85 sharing one word of a longer query: ${oneWord.length - above.length}/${oneWord.length} below ${DEFAULT_NAME_THRESHOLD}, scores ${scores[0]!.toFixed(3)}-${scores[scores.length - 1]!.toFixed(3)}`)
    expect(oneWord.length).toBeGreaterThan(30)
    expect(above.map((r) => `${r.query} / ${r.result} ${r.ours.toFixed(3)}`)).toEqual([])
    // visible with --min-score 0.4: "JOHN SMITH" still finds "JOHN, Damien" there
    expect(oneWord.filter((r) => r.ours < 0.4)).toEqual([])
    // most are capped (only one word of the query has any partner); the rest have a second word merely alike
    // ("KIL, Jong Hun" for "KIM JONG UN") and score what their tokens give
    expect(oneWord.filter((r) => r.ours <= ONE_WORD_CAP).length).toBeGreaterThan(oneWord.length * 0.8)
  })
})
