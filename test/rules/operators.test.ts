import { describe, expect, it } from 'vitest'
import { isOperators, OPERATORS, OperatorsSchema, type OperatorName } from '../../src/core/index.ts'
import { ConditionSchema } from '../../src/core/rules/condition-schema.ts'
import { compileConditions, type ConditionScope } from '../../src/core/rules/conditions.ts'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

type Row = Record<string, unknown>

// per operator of the table (the type checker asks for every one): its value, and a row of fields `not` and
// `other` where it holds and one where it does not
const CASES = {
  eq: [3, { not: 3 }, { not: 4 }],
  ne: [3, { not: 4 }, { not: 3 }],
  in: [[3, 5], { not: 3 }, { not: 4 }],
  not_in: [[3, 5], { not: 4 }, { not: 3 }],
  gt: [3, { not: 4 }, { not: 3 }],
  gte: [3, { not: 3 }, { not: 2 }],
  lt: [3, { not: 2 }, { not: 3 }],
  lte: [3, { not: 3 }, { not: 4 }],
  exists: [true, { not: 3 }, {}],
  has_keyword: [['boat'], { not: 'a small boat' }, { not: 'a car' }],
  in_ranges: [['1-5'], { not: 3 }, { not: 7 }],
  eq_field: ['other', { not: 3, other: 3 }, { not: 3, other: 4 }],
  ne_field: ['other', { not: 3, other: 4 }, { not: 3, other: 3 }],
} satisfies Record<OperatorName, [unknown, Row, Row]>

const problems: string[] = []
const scope: ConditionScope<Row> = {
  resolve: (name) => (name === 'not' || name === 'other' ? { kind: 'number', get: (row) => row[name] } : undefined),
  unknownNameHelp: 'not, other',
  lists: new Map(),
  report: (_at, message) => problems.push(message),
}

describe('operators, from one table', () => {
  const names = Object.keys(OPERATORS) as OperatorName[]

  it('has a case here for every operator of the table', () => {
    expect(names.sort()).toEqual(Object.keys(CASES).sort())
  })

  it.each(names)('%s: the schema accepts it and an object with it is an operators object', (name) => {
    const ops = { [name]: CASES[name][0] }
    expect(OperatorsSchema.safeParse(ops).success).toBe(true)
    expect(isOperators(ops)).toBe(true)
  })

  it.each(names)('%s: under the key "not" it tests a field named not, rather than negating a condition', (name) => {
    const [value, holds, fails] = CASES[name]
    const condition = ConditionSchema.parse({ not: { [name]: value } })
    problems.length = 0
    const test = compileConditions(condition, [], scope)
    expect(problems).toEqual([])
    expect([test(holds), test(fails)]).toEqual([true, false])
  })

  it('still negates a condition under "not"', () => {
    const test = compileConditions({ not: { other: { eq: 3 } } }, [], scope)
    expect([test({ other: 3 }), test({ other: 4 })]).toEqual([false, true])
  })

  it('lets a rule require a measure named "not" to differ from another', () => {
    const rule = `kind: rule
id: differ
version: 1
title: t
typology: t
source: s
entity: none
measures:
  not: { value: amount }
  other: { value: hour }
require: { not: { ne_field: other } }
score: { fixed: 50 }
reason: r
`
    // an amount of 1 at 01:00 equals its hour; 2 at 01:00 does not
    const { verdicts } = screenAll(rulesetOf({ differ: rule }), [transfer(60, 'A', 'B', 1), transfer(61, 'A', 'B', 2)])
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'review'])
  })
})
