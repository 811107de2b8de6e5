import { TEST_RULES } from './rules.ts'

/**
 * A candidate beside TEST_RULES for the shadow tests: the sender rule reviews nothing and blocks from the third
 * transfer in a day (the active set reviews the second and third, blocks from the fourth), and a receiver rule
 * the active set lacks reviews a receiver's second transfer.
 */
export const CANDIDATE_RULES = [
  { path: 'cand/ruleset.yaml', text: TEST_RULES[0]!.text.replace('name: service-test', 'name: service-candidate').replace('repeat-sender: { weight: 1 }', 'repeat-sender: { weight: 1 }\n  repeat-receiver: { weight: 1 }') },
  {
    path: 'cand/repeat-sender.yaml',
    text: TEST_RULES[1]!.text.replace('version: 1', 'version: 2').replace(
      /bands:[\s\S]*?reason/,
      'bands:\n    - { below: 3, score: 0 }\n    - { from: 3, score: 90 }\nreason',
    ),
  },
  {
    path: 'cand/repeat-receiver.yaml',
    text: `kind: rule
id: repeat-receiver
version: 1
title: A receiver is paid again within a day
typology: velocity
source: service tests
entity: receiver.id
window: 24h
measures:
  n: { count: true }
score:
  measure: n
  bands:
    - { below: 2, score: 0 }
    - { from: 2, score: 50 }
reason: "{n} transfers to {entity} in {window}"
`,
  },
]
