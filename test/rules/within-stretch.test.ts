import { describe, expect, it } from 'vitest'
import { rulesetOf, screenAll, transfer } from '../core/helpers.ts'

// `within` on count, sum, max and distinct (issue 17, session fa30): a rule whose window is 35 days for the
// look-back of its new payers still reads its sums, counts and amounts over the last 5 days only.
const recent = `kind: rule
id: recent
version: 1
title: t
typology: t
source: s
entity: receiver.id
window: 35d
measures:
  payments: { count: true, within: 5d }
  total: { sum: amount, within: 5d }
  largest: { max: amount, within: 5d }
  amounts: { distinct: amount, within: 5d }
  all: { count: true }
score:
  measure: all
  bands: [{ from: 1, score: 50 }]
reason: "{payments} {total} {largest} {amounts} of {all}"
`

const DAY = 24 * 60

describe('within: the last stretch of a longer window', () => {
  it('counts, sums, takes the largest and the distinct amounts of the last 5 days only', () => {
    const rs = rulesetOf({ recent })
    const records = [
      transfer(0, 'a', 'R', 900), transfer(DAY, 'b', 'R', 800), // 20 days before the last: outside the 5 days
      transfer(17 * DAY, 'c', 'R', 300), transfer(18 * DAY, 'd', 'R', 300), transfer(21 * DAY, 'e', 'R', 450),
    ]
    const { verdicts } = screenAll(rs, records)
    expect(verdicts[4]!.hits[0]!.reason).toBe('3 USD 1,050.00 USD 450.00 2 of 5')
    expect(verdicts[1]!.hits[0]!.reason).toBe('2 USD 1,700.00 USD 900.00 2 of 2')
  })
})
