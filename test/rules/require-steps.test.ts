import { describe, expect, it } from 'vitest'
import { compileRuleset } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { rulesetOf } from '../core/helpers.ts'

// a rule whose measures include a ratio reading two others, with the given require
const rule = (id: string, require: string) => `id: ${id}
kind: rule
title: requires ${id}
version: 1
source: test
typology: test
window: 1d
entity: party.id
measures:
  n: { count: true }
  total: { sum: amount }
  payers: { distinct: counterparty.id }
  average: { ratio: [total, n] }
require:
${require}
score: { fixed: 10 }
reason: "{n}"
`

const RULES = {
  fields: rule('fields', '  n: { gte: 2 }\n  total: { gte: 100, lt: 5000 }'),
  listed: rule('listed', '  - average: { gte: 50 }\n  - all: [{ payers: { gte: 3 } }, { n: { lte: 20 } }]'),
  either: rule('either', '  - any: [{ payers: { gte: 3 } }, { average: { gte: 1000 } }]\n  - n: { gte: 2 }'),
  negated: rule('negated', '  not: { all: [{ n: { gte: 5 } }, { total: { lt: 10 } }] }'),
}

describe('require as steps', () => {
  it('fail exactly when require fails, each step reading only measures it lists', async () => {
    const pack = compileRuleset(await readRuleSources())
    if (!pack.ok) throw new Error('the default pack does not compile')
    const rules = [...rulesetOf(RULES).rules, ...pack.ruleset.rules]
    const points = [0, 0.5, 1, 2, 3, 5, 9, 10, 20, 50, 100, 500, 1000, 5000, 1e4, 1e6]
    let seed = 7
    const pick = () => points[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % points.length]!
    const differ: string[] = []
    for (const r of rules) {
      for (let trial = 0; trial < 400; trial++) {
        const values = r.measures.map(pick)
        const stepsPass = r.requireSteps.every((s) => {
          // a step sees only the measures it lists: every other value is poisoned
          const seen = values.map((v, i) => (s.measures.includes(i) ? v : Number.NaN))
          return s.test(seen)
        })
        if (stepsPass !== r.require(values)) differ.push(`${r.id}: ${values.join(',')}`)
      }
    }
    expect(differ).toEqual([])
  })

  it('list a ratio with the measures it reads', () => {
    const listed = rulesetOf(RULES).rules.find((r) => r.id === 'listed')!
    expect(listed.requireSteps.map((s) => s.measures)).toContainEqual([0, 1, 3])
  })
})
