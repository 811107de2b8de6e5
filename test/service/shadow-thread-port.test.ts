import { describe, expect, it } from 'vitest'
import type { Hit } from '../../src/core/index.ts'
import { decodeOutcomes, encodeOutcomes, shadowCallsJson, type ShadowOutcome } from '../../src/service/shadow-thread-port.ts'

const hit = (rule: string): Hit => ({ rule, version: 1, typology: 't', score: 10, modifier: false, reason: `r "${rule}"`, evidence: { measure: 'count', value: 3, threshold: 2 } }) as unknown as Hit

describe("the shadow's messages", () => {
  it('a batch of calls is JSON whose parse is the calls, the record spliced in from its JSON', () => {
    const record = { id: 'T-1', timestamp: '2026-01-01T00:00:00Z', amount: '12.50', note: 'a "quoted" \\ line\n' }
    const verdict = { id: 'T-1', score: 40, decision: 'review', hits: [hit('a'), hit('b')], ruleset: 'v1' }
    const json = shadowCallsJson([
      { recordJson: JSON.stringify(record), decision: 'review', score: 40, ruleset: 'v "1"', tenant: 'ten"ant', keyId: null, reused: undefined, activeJson: JSON.stringify(verdict) },
      { recordJson: JSON.stringify(record), decision: 'clear', score: 0, ruleset: 'v1', tenant: 't', keyId: 'k-1', reused: [hit('m')], activeJson: undefined },
    ])
    expect(JSON.parse(json)).toEqual([
      { record, decision: 'review', score: 40, ruleset: 'v "1"', tenant: 'ten"ant', keyId: null, active: verdict },
      { record, decision: 'clear', score: 0, ruleset: 'v1', tenant: 't', keyId: 'k-1', reused: [hit('m')] },
    ])
    expect(JSON.parse(shadowCallsJson([]))).toEqual([])
  })

  it('outcomes come back as numbers and decode to the same outcomes, rule names and kept JSON included', () => {
    const rules = [{ id: 'r0' }, { id: 'r1' }, { id: 'r2' }]
    const rank = new Map(rules.map((r, i) => [r.id, i]))
    const outcomes: (ShadowOutcome | undefined)[] = [
      { decision: 'clear', score: 0, rules: [] },
      undefined,
      { decision: 'block', score: 90, rules: ['r2', 'r0', 'r0'], json: '{"id":"x"}' },
      { decision: 'review', score: 35, rules: ['r1'] },
      { decision: 'clear', score: 5, rules: ['r1'], json: '{"id":"y"}' },
    ]
    const encoded = encodeOutcomes(outcomes, rank)
    expect(encoded.codes).toBeInstanceOf(Int32Array)
    expect(decodeOutcomes(encoded, rules)).toEqual(outcomes)
  })
})
