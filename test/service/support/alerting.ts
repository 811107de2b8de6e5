import { transfer } from './rules.ts'

/**
 * Three transfers from `sender` just under USD 3,000 within a day, the last with a smuggling term in its reference:
 * with the shipped rule pack the last one is a review. Its verdict is written out by hand below, not recomputed.
 */
export function structuringSequence(sender: string) {
  const bodies = [
    transfer(0, sender, `${sender}-B`, { amount: '2900', channel: 'money_transfer' }),
    transfer(60, sender, `${sender}-C`, { amount: '2800.50', channel: 'money_transfer', reference: 'for the boat' }),
    transfer(120, sender, `${sender}-D`, { amount: '2950', channel: 'wire', reference: 'crossing guaranteed' }),
  ]
  const [a, b, c] = bodies.map((t) => t.id) as [string, string, string]
  const expected = {
    id: c,
    score: 60,
    decision: 'review',
    hits: [
      {
        rule: 'memo-lexicon',
        version: 1,
        typology: 'memo_lexicon',
        score: 15,
        modifier: true,
        reason: 'reference or purpose mentions smuggling terms: "crossing guaranteed"',
        evidence: { measure: 'fixed', value: 1, transfers: [c] },
      },
      {
        rule: 'structuring-transfer',
        version: 1,
        typology: 'structuring_transfer',
        score: 45,
        modifier: false,
        reason: '3 transfers just under a reporting threshold in 7d, USD 8,650.50 in all, to 3 beneficiaries',
        evidence: { entity: `id:${sender}`, measure: 'near', value: 3, window: '7d', transfers: [a, b, c] },
      },
    ],
  }
  return { bodies, expected }
}
