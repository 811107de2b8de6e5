import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

// The shipped velocity-burst counts a day's payments to payees the customer did not pay in the 29 days before
// (R29's new counterparties): a crew leader paying the same crew every week is not a burst, a burst to new payees is.
// The day must break a habit: a customer who paid nobody in the look-back (a monthly payroll, first seen) has none.
const RULE = readFileSync(new URL('../../rules/default/velocity-burst.yaml', import.meta.url), 'utf8')
const DAY = 24 * 60
const person = { type: 'person' as const }

function burst(day: number, payees: string[], id: string) {
  // two payments to each payee, ten minutes apart
  return payees.flatMap((p, i) => [0, 1].map((k) => transfer(day * DAY + i * 20 + k * 10, 'S', p, 300, { id: `${id}-${p}-${k}`, sender: { id: 'S', ...person } })))
}

describe('velocity-burst on new payees', () => {
  const rs = rulesetOf({ 'velocity-burst': RULE })

  // the customer's ordinary payment to its landlord two days before the first burst: a habit in the look-back
  const habit = transfer(0, 'S', 'L', 700, { id: 'rent', sender: { id: 'S', ...person } })

  it('flags eight payments to four new payees, not the same payees a week later, and again four new ones', () => {
    const crew = ['A', 'B', 'C', 'D']
    const { verdicts } = screenAll(rs, [habit, ...burst(2, crew, 'w1'), ...burst(9, crew, 'w2'), ...burst(16, ['E', 'F', 'G', 'H'], 'n')])
    const hits = verdicts.slice(1).map((v) => v.hits.some((h) => h.rule === 'velocity-burst'))
    // the 8th payment of the first day reaches 8; the week after, the crew is known; day 16's payees are new
    expect(hits.slice(0, 8)).toEqual([false, false, false, false, false, false, false, true])
    expect(hits.slice(8, 16).some(Boolean)).toBe(false)
    expect(hits.slice(16, 24)).toEqual([false, false, false, false, false, false, false, true])
  })

  it('does not flag a customer who paid nobody in the 29 days before: a payroll run once a month, seen first', () => {
    const { verdicts } = screenAll(rs, burst(0, ['A', 'B', 'C', 'D'], 'payday'))
    expect(verdicts.some((v) => v.hits.some((h) => h.rule === 'velocity-burst'))).toBe(false)
  })

  it('counts a known payee of the day neither as a payee nor as its payments', () => {
    // 6 payments to 3 new payees and 4 to one paid a week before: 6 new-payee payments, under 8
    const { verdicts } = screenAll(rs, [...burst(0, ['K'], 'old'), ...burst(7, ['K'], 'k1'), ...burst(7, ['K'], 'k2'), ...burst(7, ['P', 'Q', 'R'], 'new')])
    expect(verdicts.some((v) => v.hits.some((h) => h.rule === 'velocity-burst'))).toBe(false)
  })
})
