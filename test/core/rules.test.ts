import { describe, expect, it } from 'vitest'
import { compileRuleset } from '../../src/core/index.ts'
import { rulesetOf, screenAll, transfer } from './helpers.ts'

const structuring = `kind: rule
id: structuring
version: 1
title: near threshold
typology: structuring_transfer
source: test
entity: sender.id
window: 7d
where:
  - amount: { gte: 2400, lt: 3000 }
measures:
  near: { count: true }
  total: { sum: amount }
score:
  measure: near
  bands:
    - { below: 3, score: 0 }
    - { from: 3, score: 50 }
reason: "{near} transfers, {total}, in {window} by {entity}"
`

describe('windowed rules', () => {
  it('structuring fires on the third near-threshold transfer within the window, with the figures', () => {
    const rs = rulesetOf({ structuring })
    const { verdicts } = screenAll(rs, [
      transfer(0, 'A', 'B', '2900'),
      transfer(60, 'A', 'C', '2500', { currency: 'EUR' }), // 2,750 USD: in band after conversion
      transfer(120, 'A', 'D', '100'), // not near: not counted, not evaluated
      transfer(180, 'A', 'E', '2999.99'),
      transfer(11 * 24 * 60, 'A', 'E', '2999.99'), // the first three left the 7-day window
    ])
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'clear', 'clear', 'review', 'clear'])
    const hit = verdicts[3]!.hits[0]!
    expect(hit.reason).toBe('3 transfers, USD 8,649.99, in 7d by A')
    expect(hit.evidence).toMatchObject({ entity: 'id:A', measure: 'near', value: 3, window: '7d' })
    expect(hit.evidence.transfers).toEqual([verdicts[0]!.id, verdicts[1]!.id, verdicts[3]!.id])
    expect(verdicts[3]!.ruleset).toBe(rs.version)
  })

  it('fan-in counts distinct senders per receiver; pass-through sees both directions of one account', () => {
    const fanin = `kind: rule
id: fanin
version: 1
title: fan-in
typology: fee_collection_fanin
source: test
entity: receiver.id
window: 7d
measures:
  senders: { distinct: counterparty.id }
  countries: { distinct: counterparty.country }
require:
  countries: { gte: 2 }
score: { measure: senders, bands: [{ from: 4, score: 45 }] }
reason: "{senders} senders from {countries} countries"
`
    const passThrough = `kind: rule
id: pass
version: 1
title: pass-through
typology: mule_pass_through
source: test
entity: party.id
window: 48h
when: { direction: { eq: out } }
measures:
  inflow: { sum: amount, where: { direction: { eq: in } } }
  outflow: { sum: amount, where: { direction: { eq: out } } }
  payers: { distinct: counterparty.id, where: { direction: { eq: in } } }
  kept: { ratio: [outflow, inflow] }
require: { payers: { gte: 3 } }
score: { measure: kept, bands: [{ from: 0.9, below: 1.1, score: 60 }] }
reason: "passed on {kept} of {inflow}"
`
    const rs = rulesetOf({ fanin, pass: passThrough })
    const recs = [
      transfer(0, 'P1', 'MULE', '1000', { sender: { id: 'P1', country: 'GB' } }),
      transfer(10, 'P2', 'MULE', '1000', { sender: { id: 'P2', country: 'GB' } }),
      transfer(20, 'P3', 'MULE', '1000', { sender: { id: 'P3', country: 'FR' } }),
      transfer(30, 'P1', 'MULE', '500', { sender: { id: 'P1', country: 'GB' } }), // same sender again
      transfer(40, 'P4', 'MULE', '500', { sender: { id: 'P4', country: 'DE' } }),
      transfer(600, 'MULE', 'BOSS', '3800'),
    ]
    const { verdicts } = screenAll(rs, recs)
    expect(verdicts[3]!.hits).toEqual([])
    expect(verdicts[4]!.hits.map((h) => [h.rule, h.reason])).toEqual([['fanin', '4 senders from 3 countries']])
    expect(verdicts[5]!.hits.map((h) => [h.rule, h.reason])).toEqual([['pass', 'passed on 0.95 of USD 4,000.00']])
    expect(verdicts[5]!.hits[0]!.evidence.transfers).toHaveLength(6)
  })

  it('finds a cycle back to the origin within the hop bound, and not a longer one', () => {
    const cycle = (maxHops: number) => `kind: rule
id: cycle
version: 1
title: cycle
typology: cycle
source: test
entity: sender.id
window: 30d
measures:
  hops: { cycle: { max_hops: ${maxHops}, min_kept: 0.5 } }
score: { measure: hops, bands: [{ from: 3, score: 60 }] }
reason: "{hops} hops"
`
    const recs = () => [
      transfer(0, 'A', 'B', '10000'),
      transfer(60, 'B', 'C', '9500'),
      transfer(120, 'X', 'Y', '9400'),
      transfer(180, 'C', 'D', '9000'),
      transfer(240, 'D', 'A', '8800'),
    ]
    const found = screenAll(rulesetOf({ cycle: cycle(4) }), recs()).verdicts
    expect(found.map((v) => v.score)).toEqual([0, 0, 0, 0, 60])
    expect(found[4]!.hits[0]!.evidence.transfers).toEqual([found[0]!.id, found[1]!.id, found[3]!.id, found[4]!.id])
    const tooShort = screenAll(rulesetOf({ cycle: cycle(3) }), recs()).verdicts
    expect(tooShort[4]!.score).toBe(0)
  })

  it('a modifier adds to a primary hit and never alerts alone', () => {
    const memo = `kind: rule
id: memo
version: 1
title: memo
typology: memo_lexicon
source: test
modifier: true
entity: none
where: { text: { has_keyword: $lexicon } }
measures: { any: { value: amount } }
score: { fixed: 15 }
reason: "memo: {reference}"
`
    const rs = rulesetOf({ structuring, memo })
    const { verdicts, screener } = screenAll(rs, [
      transfer(0, 'A', 'B', '2900', { reference: 'Small-Boat trip' }),
      transfer(1, 'A', 'B', '2900'),
      transfer(2, 'A', 'B', '2900', { reference: 'crossíng 🚤' }),
    ])
    expect(verdicts[0]!).toMatchObject({ score: 0, decision: 'clear', hits: [] })
    expect(verdicts[2]!.hits.map((h) => h.rule)).toEqual(['structuring', 'memo'])
    expect(verdicts[2]!.score).toBe(65)
    expect(screener.cases()).toEqual([
      expect.objectContaining({ entity: 'id:A', rules: ['structuring', 'memo'], alerts: 1, transfers: [verdicts[2]!.id] }),
    ])
  })
})

describe('rule file problems', () => {
  it('points at file:line:column for schema, field, list and band mistakes, all in one run', () => {
    const bad = structuring
      .replace('window: 7d', 'window: 7 days')
      .replace('{ count: true }', '{ count: true, colour: red }')
    const bad2 = structuring
      .replace('id: structuring', 'id: other')
      .replace('amount: { gte: 2400, lt: 3000 }', 'amont: { gte: 2400 }')
      .replace('{ from: 3, score: 50 }', '{ from: 2, score: 50 }')
    const ruleset = `kind: ruleset
name: t
version: 1
base_currency: USD
rates: {}
thresholds: { review: 40, block: 80 }
rules:
  structuring: {}
  other: {}
  missing: {}
`
    const result = compileRuleset([
      { path: 'rules/ruleset.yaml', text: ruleset },
      { path: 'rules/structuring.yaml', text: bad },
      { path: 'rules/other.yaml', text: bad2 },
    ])
    expect(result.ok).toBe(false)
    const lines = !result.ok ? result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`) : []
    expect(lines).toEqual([
      'rules/structuring.yaml:8:9: expected a duration such as "30m", "48h", "7d"',
      'rules/structuring.yaml:12:24: unknown key "colour"',
      expect.stringMatching(/^rules\/other\.yaml:10:5: unknown field "amont"/),
      'rules/other.yaml:18:7: bands overlap or are out of order: each band must start at or after the end of the one before',
      'rules/ruleset.yaml:10:3: no rule file with id "missing"',
    ])
  })

  it('names a missing key at its parent, and an invalid ruleset file is not also reported as missing', () => {
    const ruleset = 'kind: ruleset\nname: t\nversion: 1\nbase_currency: USD\nthresholds:\n  review: 40\nrules: {}\n'
    const result = compileRuleset([{ path: 'r/ruleset.yaml', text: ruleset }])
    const lines = !result.ok ? result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`) : []
    expect(lines).toEqual(['r/ruleset.yaml:1:1: missing key "rates" (record)', 'r/ruleset.yaml:6:3: missing key "block" (number)'])
  })

  it('reports YAML syntax errors with their position', () => {
    const result = compileRuleset([{ path: 'x.yaml', text: 'kind: rule\nid: [unclosed\n' }])
    expect(!result.ok && result.issues[0]).toMatchObject({ file: 'x.yaml', line: expect.any(Number), column: expect.any(Number) })
  })
})

describe('state', () => {
  it('keeps no window for an entity whose transfers add to no measure', () => {
    const inflowOnly = `kind: rule
id: inflow
version: 1
title: inflow
typology: t
source: test
entity: party.id
window: 7d
measures:
  inflow: { sum: amount, where: { direction: { eq: in } } }
score: { measure: inflow, bands: [{ from: 1000000, score: 50 }] }
reason: "{inflow}"
`
    const { screener } = screenAll(rulesetOf({ inflow: inflowOnly }), [transfer(0, 'A', 'B', '10'), transfer(1, 'A', 'C', '10')])
    // B and C received money; A only sent it, so A has no window
    expect(screener.liveEntities).toBe(2)
  })

  it('measures the gap since an entity was last seen, and an account age without any state', () => {
    const rule = (id: string, entity: string, measure: string) => `kind: rule
id: ${id}
version: 1
title: ${id}
typology: t
source: test
entity: ${entity}
measures:
  days: { ${measure}: true }
score: { measure: days, bands: [{ from: 0, score: 50 }] }
reason: "{days}"
`
    const pack = rulesetOf({ gap: rule('gap', 'sender.id', 'gap_days'), age: rule('age', 'none', 'age_days') })
    const opened = { id: 'A', accountOpened: '2026-02-19' }
    const { verdicts } = screenAll(pack, [
      transfer(0, 'A', 'B', '10', { sender: opened }),
      transfer(3 * 24 * 60, 'A', 'C', '10', { sender: opened }),
    ])
    const days = (v: (typeof verdicts)[number], rule: string) => v.hits.find((h) => h.rule === rule)?.evidence.value
    // first sight: no gap yet; three days later, a gap of 3. The account was 10, then 13 days old
    expect(verdicts.map((v) => days(v, 'gap'))).toEqual([undefined, 3])
    expect(verdicts.map((v) => days(v, 'age'))).toEqual([10, 13])
  })

  it('counts the records that come more than the lateness behind the latest time before them', () => {
    const pack = rulesetOf({ structuring })
    // lateness is 1h: 50 minutes behind is allowed, 2 hours and a day behind are not; a repeat of the latest time is in order
    const minutes = [0, 600, 550, 600, 480, 1000, -440]
    const { screener } = screenAll(pack, minutes.map((m) => transfer(m, 'A', 'B', '10')))
    expect(screener.outOfOrder).toBe(2)
    expect(screenAll(pack, [0, 10, 20].map((m) => transfer(m, 'A', 'B', '10'))).screener.outOfOrder).toBe(0)
  })
})
