import { TEST_RULES } from './rules.ts'

/** A candidate beside the test rules: a sender's third transfer within a day alerts, where the test rules alert on the second. */
export const CANDIDATE_RULES = TEST_RULES.map((f) =>
  f.path.endsWith('repeat-sender.yaml')
    ? { ...f, text: f.text.replace('- { below: 2, score: 0 }\n    - { from: 2, below: 4, score: 50 }', '- { below: 3, score: 0 }\n    - { from: 3, below: 4, score: 50 }') }
    : f,
)
