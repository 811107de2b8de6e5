import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

// The two additions to the rule language made for the default pack: `in_ranges` (fee bands and near-threshold
// bands as ruleset lists) and the derived `surname` party field (R02/R21 "unrelated" = different surnames).

const bandRule = `kind: rule
id: band
version: 1
title: t
typology: t
source: s
entity: none
where:
  amount: { in_ranges: $bands }
measures:
  a: { value: amount }
score: { fixed: 50 }
reason: in band
`

describe('in_ranges', () => {
  it('matches an amount inside any "from-below" range of a ruleset list, below exclusive', () => {
    const rs = rulesetOf({ band: bandRule }, '  bands: ["2400-3000", "8000-10000"]')
    const { verdicts } = screenAll(rs, [
      transfer(0, 'a', 'b', 2400),
      transfer(1, 'a', 'b', 2999.99),
      transfer(2, 'a', 'b', 3000),
      transfer(3, 'a', 'b', 9000),
      transfer(4, 'a', 'b', 100),
    ])
    expect(verdicts.map((v) => v.decision)).toEqual(['review', 'review', 'clear', 'review', 'clear'])
  })

  it('reports a malformed range at its place in the rule file', () => {
    expect(() => rulesetOf({ band: bandRule }, '  bands: ["3000-2400"]')).toThrow(/band\.yaml:9:\d+: range "3000-2400"/)
  })
})

describe('surname', () => {
  const rule = `kind: rule
id: unrelated
version: 1
title: t
typology: t
source: s
entity: receiver.id
window: 30d
measures:
  surnames: { distinct: counterparty.surname }
score:
  measure: surnames
  bands: [{ from: 3, score: 50 }]
reason: "{surnames} surnames"
`
  it('counts the last word of person names, so a family is one surname and businesses have none', () => {
    const rs = rulesetOf({ unrelated: rule })
    const person = (name: string) => ({ sender: { id: name, name, type: 'person' as const } })
    const { verdicts } = screenAll(rs, [
      transfer(0, 'x', 'b', 500, person('Ana García')),
      transfer(1, 'x', 'b', 500, person('Luis Garcia')),
      transfer(2, 'x', 'b', 500, { sender: { id: 'shop', name: 'Corner Shop Ltd', type: 'business' } }),
      transfer(3, 'x', 'b', 500, person('Omar Aziz')),
      transfer(4, 'x', 'b', 500, person('Sara Smith')),
    ])
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'clear', 'clear', 'clear', 'review'])
  })
})
