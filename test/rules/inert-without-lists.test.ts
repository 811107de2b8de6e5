import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { builtInMeasures, defineMeasure, Screener } from '../../src/core/index.ts'
import { rulesetOf, transfer } from '../core/helpers.ts'

// A rule scored by a measure that is 0 without a kind of list, keeping no state and with no score at 0, cannot hit
// when that list is absent: the screener does not run it. Any other rule reading such a measure still runs.

let evaluations = 0
/** a test measure: 1 when the screener has indicator lists, 0 (and no evidence) without them; counts its calls */
const listed = defineMeasure({
  key: 'listed',
  schema: z.object({ listed: z.object({}).strict() }).strict(),
  compile: () => ({
    unit: 'count',
    lists: true,
    zeroWithout: 'indicators',
    evaluate: (ev) => {
      evaluations++
      return ev.watchlists?.indicators ? 1 : 0
    },
  }),
})
const measures = builtInMeasures.with(listed)

const rule = (id: string, body: string) => `kind: rule
id: ${id}
version: 1
title: t
typology: test
source: test
entity: party.id
${body}
reason: "{party.id}"
`
const SCORED = rule('scored', 'measures:\n  hit: { listed: {} }\nscore:\n  measure: hit\n  bands:\n    - { from: 1, score: 50 }')
const AT_ZERO = rule('at-zero', 'measures:\n  hit: { listed: {} }\nscore:\n  measure: hit\n  bands:\n    - { from: 0, score: 5 }')
const WINDOWED = rule('windowed', 'window: 1d\nmeasures:\n  hit: { listed: {} }\n  n: { count: true }\nscore:\n  measure: hit\n  bands:\n    - { from: 1, score: 50 }')
const indicators = { lookup: () => [] }

function hitsOf(rules: Record<string, string>, watchlists?: { indicators: typeof indicators }) {
  evaluations = 0
  const screener = new Screener(rulesetOf(rules, '', { measures }), watchlists ? { watchlists } : {})
  const hits = [transfer(0, 'A', 'B', 100), transfer(1, 'B', 'C', 100)].flatMap((t) => screener.screen(t).hits.map((h) => h.rule))
  return { hits, evaluations }
}

describe('rules that cannot hit without their lists', () => {
  it('are not run without the list, and run and hit with it', () => {
    expect(hitsOf({ scored: SCORED })).toEqual({ hits: [], evaluations: 0 })
    expect(hitsOf({ scored: SCORED }, { indicators })).toEqual({ hits: ['scored', 'scored', 'scored', 'scored'], evaluations: 4 })
  })

  it('still run when a score of 0 scores, or when they keep state', () => {
    expect(hitsOf({ 'at-zero': AT_ZERO })).toEqual({ hits: ['at-zero', 'at-zero', 'at-zero', 'at-zero'], evaluations: 4 })
    expect(hitsOf({ windowed: WINDOWED }).evaluations).toBe(4)
  })
})
