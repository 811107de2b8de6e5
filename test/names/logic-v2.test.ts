import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_NAME_THRESHOLD, type WatchlistEntry } from '../../src/core/names/index.ts'
import { nameMatchingDir } from './shared-data.ts'
import { pairScore } from './pair-score.ts'

interface Case {
  schema: string
  matches: boolean
  query: Record<string, string>
  result: Record<string, string>
}

const TYPES: Record<string, WatchlistEntry['type']> = { Person: 'person', Company: 'org', Organization: 'org', Vessel: 'vessel' }

// The name the case is about: its `name`, else the first property given (an identifier such as a BIC).
const nameOf = (props: Record<string, string>) => props['name'] ?? Object.values(props)[0] ?? ''
// identifiers the API takes: an IMO number shared by two vessels makes them one whatever their names
const identifiersOf = (props: Record<string, string>) => (props['imoNumber'] ? [props['imoNumber']] : [])

describe('logic-v2 match cases (nomenklatura)', () => {
  it('gets at least 26 of the 29 match / no-match cases right at the default threshold', () => {
    const cases = JSON.parse(readFileSync(path.join(nameMatchingDir, 'opensanctions/derived_logic_v2_match_cases.json'), 'utf8')) as Case[]
    expect(cases).toHaveLength(29)
    const wrong = cases.filter((c) => {
      const aliases = c.result['alias'] ? [c.result['alias']] : []
      const ids = { query: identifiersOf(c.query), candidate: identifiersOf(c.result) }
      const score = pairScore(nameOf(c.query), nameOf(c.result), TYPES[c.schema] ?? 'unknown', aliases, ids)
      return score >= DEFAULT_NAME_THRESHOLD !== c.matches
    })
    // the two expected misses turn on data the name API does not take: first and last name fields swapped in "Ted
    // Doe"/"Theodore Doe", and a configuration that ignores aliases in "John Doe"/alias "John Doe". The bar stays
    // at 26, one under what the scorer gets, so that it can fail without being flaky
    console.info(`logic-v2: ${cases.length - wrong.length}/29 right; wrong: ${wrong.map((c) => `${nameOf(c.query)} / ${nameOf(c.result)}`).join('; ')}`)
    expect(cases.length - wrong.length).toBeGreaterThanOrEqual(26)
  })
})
