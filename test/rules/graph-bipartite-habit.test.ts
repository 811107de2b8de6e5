import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

const DAY = 24 * 60
const RULE = readFileSync(new URL('../../rules/aml-graph/graph-bipartite.yaml', import.meta.url), 'utf8')

// A hard negative for graph-bipartite: two parents each paying the same two children a sum of their own, every
// month. It has the shape of a bipartite layer (two payers, the same payees, each payer one sum to all in one go);
// what sets it apart is the habit: the parents paid those children before.
const month = (day: number) => [
  transfer(day * DAY, 'MUM', 'KID1', 300),
  transfer(day * DAY + 5, 'MUM', 'KID2', 300),
  transfer(day * DAY + 60, 'DAD', 'KID1', 450),
  transfer(day * DAY + 65, 'DAD', 'KID2', 450),
]

describe('graph-bipartite against a family paying its children every month', () => {
  const rs = rulesetOf({ 'graph-bipartite': RULE })

  it('does not flag the months after the first, when the parents pay children they paid before', () => {
    const { verdicts } = screenAll(rs, [0, 30, 60, 90].flatMap(month))
    // the first month has no history to tell it from a layer; every later month repeats the parents' habit
    expect(verdicts.slice(4).map((v) => v.decision)).toEqual(Array(12).fill('clear'))
  })

  it('still flags two payers paying the same two new payees a sum of their own in one go', () => {
    const { verdicts } = screenAll(rs, [
      ...month(0),
      transfer(40 * DAY, 'A', 'X1', 1000),
      transfer(40 * DAY + 5, 'A', 'X2', 1000),
      transfer(40 * DAY + 60, 'B', 'X1', 1300),
      transfer(40 * DAY + 65, 'B', 'X2', 1300),
    ])
    expect(verdicts.at(-1)!.decision).toBe('review')
  })
})
