import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { builtInMeasures, MeasureRegistry, ruleFileSchema } from '../../src/core/index.ts'
import { count } from '../../src/core/rules/measures/count.ts'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'
import { echo } from '../core/support/echo-measure.ts'

// the one registry line a new measure needs
const measures = builtInMeasures.with(echo)

const lateHours = `kind: rule
id: late
version: 1
title: t
typology: t
source: s
entity: sender.id
measures:
  hour: { echo: hour }
score:
  measure: hour
  bands: [{ from: 22, score: 50 }]
reason: "{echoed} was {hour} for {amount}"
`

describe('a measure added in one file', () => {
  it('is used from a rule file and screened, with its value, evidence and reason placeholder', () => {
    const rs = rulesetOf({ late: lateHours }, '', { measures })
    // the transfers are 21:00 and 23:00 after the helpers' midnight start
    const { verdicts } = screenAll(rs, [transfer(21 * 60, 'A', 'B', 100, { id: 'early' }), transfer(23 * 60, 'A', 'B', 250, { id: 'late' })])
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'review'])
    expect(verdicts[1]!.hits).toEqual([
      {
        rule: 'late',
        version: 1,
        typology: 't',
        score: 50,
        modifier: false,
        reason: 'hour was 23 for USD 250.00',
        evidence: { entity: 'id:A', measure: 'hour', value: 23, transfers: ['late'] },
      },
    ])
  })

  it('is unknown to a ruleset compiled with the built-in measures only', () => {
    expect(ruleFileSchema(measures).safeParse(parse(lateHours)).success).toBe(true)
    expect(ruleFileSchema(builtInMeasures).safeParse(parse(lateHours)).success).toBe(false)
    expect(() => rulesetOf({ late: lateHours })).toThrow(/late\.yaml:9:9/)
  })

  it('reports its own problems at their place in the rule file', () => {
    expect(() => rulesetOf({ late: lateHours.replace('echo: hour', 'echo: amount') }, '', { measures })).toThrow(
      /late\.yaml:9:\d+: "amount" is not a number field/,
    )
  })
})

describe('the measure registry', () => {
  it('refuses a measure key registered twice', () => {
    expect(() => builtInMeasures.with(count)).toThrow(/measure "count" is registered twice/)
    expect(() => new MeasureRegistry([echo, echo])).toThrow(/measure "echo" is registered twice/)
  })

  it('refuses a measure whose schema lacks its own key', () => {
    expect(() => new MeasureRegistry([{ ...echo, key: 'ohce' }])).toThrow(/no key "ohce"/)
  })

  it('lists the built-in measures in the order of the rule-file schema', () => {
    expect(builtInMeasures.keys).toEqual(['count', 'sum', 'max', 'distinct', 'ratio', 'value', 'gap_days', 'age_days', 'cycle', 'fan', 'new_counterparties', 'off_habit_fan', 'chain', 'scatter_gather', 'shared_payees', 'split_pass_on', 'held_pass_on', 'name_match', 'indicator', 'amount_release', 'route_legs', 'keyword_score'])
    expect(measures.keys.at(-1)).toBe('echo')
  })
})
