import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

const DAY = 24 * 60

// a fan-out of sums the sender did not pay in the look-back before the week (it paid other sums there)
const fanOut = `kind: rule
id: fan-out
version: 1
title: t
typology: t
source: s
entity: sender.id
window: 60d
measures:
  payees: { off_habit_fan: { direction: out, tolerance: 0.4, within: 7d, known_only: true } }
score:
  measure: payees
  bands: [{ from: 4, score: 50 }]
reason: "{payees} payees"
`

describe('off_habit_fan in a rule', () => {
  const rs = rulesetOf({ 'fan-out': fanOut })
  it('flags four alike payees in a week paid a sum new to the sender, with the fan as evidence', () => {
    const { verdicts } = screenAll(rs, [
      transfer(0, 'S', 'A', 250),
      transfer(20 * DAY, 'S', 'B', 250),
      transfer(40 * DAY, 'S', 'Q1', 100, { id: 'q1' }),
      transfer(42 * DAY, 'S', 'Q2', 120, { id: 'q2' }),
      transfer(44 * DAY, 'S', 'Q3', 90, { id: 'q3' }),
      transfer(46 * DAY, 'S', 'Q4', 105, { id: 'q4' }),
    ])
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'clear', 'clear', 'clear', 'clear', 'review'])
    expect(verdicts[5]!.hits[0]!.reason).toBe('4 payees')
    expect(verdicts[5]!.hits[0]!.evidence.transfers).toEqual(['q1', 'q2', 'q3', 'q4'])
  })

  it('leaves a sender paying its usual sum to new payees, and one with no look-back', () => {
    const usual = screenAll(rs, [
      transfer(0, 'S', 'A', 250),
      ...[40, 42, 44, 46].map((d, i) => transfer(d * DAY, 'S', `N${i}`, 250)),
    ])
    expect(usual.verdicts.every((v) => v.decision === 'clear')).toBe(true)
    const fresh = screenAll(rs, [40, 42, 44, 46].map((d, i) => transfer(d * DAY, 'T', `N${i}`, 100 + i * 10)))
    expect(fresh.verdicts.every((v) => v.decision === 'clear')).toBe(true)
  })

  it('party: sender reads the payers of the account paying out (the gather before a split)', () => {
    const gather = `kind: rule
id: gather
version: 1
title: t
typology: t
source: s
entity: sender.id
window: 60d
measures:
  gathered: { off_habit_fan: { direction: in, party: sender, tolerance: 0.5, within: 21d, habit: all, known_only: true } }
score:
  measure: gathered
  bands: [{ from: 2, score: 50 }]
reason: "{gathered} payers"
`
    const screen = (payerHabit: number) =>
      screenAll(rulesetOf({ gather }), [
        transfer(0, 'P1', 'X', payerHabit),
        transfer(DAY, 'P2', 'Y', payerHabit),
        transfer(40 * DAY, 'P1', 'HUB', 200),
        transfer(41 * DAY, 'P2', 'HUB', 220),
        transfer(45 * DAY, 'HUB', 'Z', 190),
      ]).verdicts.at(-1)!
    // the payers paid the hub sums they pay nobody else: a gather
    expect(screen(500).hits[0]?.reason).toBe('2 payers')
    // the payers paid the hub their usual sums: no gather
    expect(screen(210).decision).toBe('clear')
  })
})
