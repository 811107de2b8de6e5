/** A small rule set for service tests: a sender's second transfer within a day alerts, the fourth blocks. */
export const TEST_RULES = [
  {
    path: 'test-rules/ruleset.yaml',
    text: `kind: ruleset
name: service-test
version: 1
base_currency: USD
rates: { EUR: "1.10" }
thresholds: { review: 40, block: 80 }
lateness: 1h
rules:
  repeat-sender: { weight: 1 }
`,
  },
  {
    path: 'test-rules/repeat-sender.yaml',
    text: `kind: rule
id: repeat-sender
version: 1
title: A sender pays again within a day
typology: velocity
source: service tests
entity: sender.id
window: 24h
measures:
  n: { count: true }
  total: { sum: amount }
score:
  measure: n
  bands:
    - { below: 2, score: 0 }
    - { from: 2, below: 4, score: 50 }
    - { from: 4, score: 90 }
reason: "{n} transfers from {entity} in {window}"
`,
  },
]

let counter = 0

/** A valid transfer record body; `minutes` after a fixed start. */
export function transfer(minutes: number, from: string, to: string, more: Record<string, unknown> = {}) {
  return {
    id: `tx-${process.pid}-${++counter}`,
    timestamp: new Date(Date.parse('2026-03-01T00:00:00Z') + minutes * 60_000).toISOString(),
    amount: '100.00',
    currency: 'USD',
    channel: 'wire',
    sender: { id: from, country: 'GB' },
    receiver: { id: to, country: 'FR' },
    ...more,
  }
}
