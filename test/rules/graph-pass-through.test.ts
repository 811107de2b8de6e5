import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

const DAY = 24 * 60
const RULE = readFileSync(new URL('../../rules/aml-graph/graph-pass-through.yaml', import.meta.url), 'utf8')

// graph-pass-through beside the two-hop flows an ordinary account makes: the one flagged is a layer account passing
// on its one credit of the weeks within days, 93-107 % of it, a sum neither it nor its payer pays otherwise.
describe('graph-pass-through', () => {
  const rs = rulesetOf({ 'graph-pass-through': RULE })
  const last = (records: Parameters<typeof screenAll>[1]) => screenAll(rs, records).verdicts.at(-1)!.decision

  it('flags an account passing on 95 % of its one credit two days later', () => {
    expect(last([transfer(0, 'A', 'B', 10_000), transfer(2 * DAY, 'B', 'C', 9_500)])).toBe('review')
    // a card payment is left out of the rule's graph, so it is never the forward
    expect(last([transfer(0, 'A', 'B', 10_000), transfer(2 * DAY, 'B', 'C', 9_500, { channel: 'card' })])).toBe('clear')
  })

  it('leaves the forward alone when the amount is not conserved or the credit is older than 3 days', () => {
    expect(last([transfer(0, 'A', 'B', 10_000), transfer(2 * DAY, 'B', 'C', 8_000)])).toBe('clear')
    expect(last([transfer(0, 'A', 'B', 10_000), transfer(4 * DAY, 'B', 'C', 9_500)])).toBe('clear')
  })

  it('leaves alone an account paid by others over the weeks (a salary and a refund, then the rent)', () => {
    const salaryThenRent = [transfer(0, 'EMPLOYER', 'B', 3_000), transfer(20 * DAY, 'A', 'B', 1_000), transfer(21 * DAY, 'B', 'LANDLORD', 1_000)]
    expect(last(salaryThenRent)).toBe('clear')
  })

  it("leaves alone a credit that is its payer's usual sum and a forward that is the account's own", () => {
    // the payer pays the same sum elsewhere (a standing order): its habit, not a layer's deposit
    const payersHabit = [transfer(0, 'A', 'OTHER', 10_000), transfer(DAY, 'A', 'B', 10_000), transfer(2 * DAY, 'B', 'C', 9_500)]
    expect(last(payersHabit)).toBe('clear')
    // the account paid this sum before: its habit
    const ownHabit = [transfer(0, 'B', 'D', 9_500), transfer(10 * DAY, 'A', 'B', 10_000), transfer(12 * DAY, 'B', 'C', 9_500)]
    expect(last(ownHabit)).toBe('clear')
  })
})
