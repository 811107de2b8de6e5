import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

const DAY = 24 * 60

// the same question (each rule its own typology, so neither hit hides the other) asked of the entity's window (new_counterparties) and of the rule's transfer graph (fan)
const rule = (id: string, payees: string, transfers: string) => `kind: rule
id: ${id}
version: 1
title: t
typology: ${id}
source: s
entity: sender.id
window: 30d
where: { channel: { ne: cash } }
measures:
  payees: ${payees}
  transfers: ${transfers}
score:
  measure: payees
  bands: [{ from: 1, score: 10 }]
reason: "{payees} payees {transfers} transfers"
`
const windowed = rule('windowed', '{ new_counterparties: { within: 3d } }', '{ new_counterparties: { within: 3d, count: transfers } }')
const graphed = rule('graphed', '{ fan: { direction: out, new_within: 3d } }', '{ fan: { direction: out, new_within: 3d, count: transfers } }')

describe('new_counterparties', () => {
  it('counts payees of the span not paid in the look-back, and their transfers, with the first of each as evidence', () => {
    const rs = rulesetOf({ windowed })
    const { verdicts } = screenAll(rs, [
      transfer(0, 'S', 'K', 100, { id: 'k0' }),
      transfer(20 * DAY, 'S', 'A', 100, { id: 'a1' }),
      transfer(20 * DAY + 5, 'S', 'K', 100, { id: 'k1' }),
      transfer(20 * DAY + 10, 'S', 'A', 100, { id: 'a2' }),
      transfer(21 * DAY, 'S', 'B', 100, { id: 'b1' }),
    ])
    const last = verdicts[4]!.hits[0]!
    expect(last.reason).toBe('2 payees 3 transfers')
    expect(last.evidence.transfers).toEqual(['a1', 'b1'])
    // K was paid 20 days before: known, so its payment counts neither way
    expect(verdicts[2]!.hits[0]!.reason).toBe('1 payees 1 transfers')
  })

  it('finds what fan with new_within finds on the same transfers, late ones included', () => {
    const rs = rulesetOf({ windowed, graphed })
    // a seeded walk over 90 days: a few senders paying payees of a pool that drifts (so some are new, some known),
    // some records up to 50 minutes late
    let seed = 7
    // mulberry32
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
    }
    const records = []
    let minutes = 0
    for (let i = 0; i < 1500; i++) {
      minutes += next(180)
      const at = Math.max(0, minutes - (next(10) === 0 ? next(50) : 0))
      records.push(transfer(at, `S${next(4)}`, `P${next(12) + Math.floor(i / 60) * 4}`, 100, { channel: next(8) === 0 ? 'cash' : 'money_transfer' }))
    }
    const { verdicts } = screenAll(rs, records)
    let compared = 0
    for (const v of verdicts) {
      const w = v.hits.find((h) => h.rule === 'windowed')
      const g = v.hits.find((h) => h.rule === 'graphed')
      expect(w?.reason).toBe(g?.reason)
      expect(w?.evidence.transfers).toEqual(g?.evidence.transfers)
      if (w) compared++
    }
    expect(compared).toBeGreaterThan(300)
  })

  it('reports a malformed span at its place in the rule file', () => {
    expect(() => rulesetOf({ windowed: windowed.replace('within: 3d }', 'within: 3x }') })).toThrow(/windowed\.yaml:11:\d+: .*a duration such as 36h or 3d/)
    expect(() => rulesetOf({ windowed: windowed.replace('within: 3d, count', 'within: 3d, cuont') })).toThrow(/windowed\.yaml:12:\d+/)
  })
})
