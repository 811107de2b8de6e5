import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TransferRecord, Verdict } from '../../src/core/index.ts'
import { realtimeVerdictRowJson, toVerdictRow, type Owner } from '../../src/service/verdict-rows.ts'
import { verdictColumnsJson } from '../../src/store/verdicts.ts'

/** the stored row's JSON as the real-time path built it before: the row object, then verdictColumnsJson */
function viaRow(verdict: Verdict, owner: Owner, record: TransferRecord, keys: readonly string[]): string {
  const row = toVerdictRow(verdict, { batchId: null, seq: null, line: null, ruleset: verdict.ruleset, ...owner }, record, keys)
  return verdictColumnsJson({ ...row, outputJson: JSON.stringify(verdict) })
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('id:ACC-1', 'ACC-1', 'a"b\\c', '\u2028', '\ud83d', ''))
const hit = fc.record({
  rule: text,
  version: fc.integer(),
  typology: text,
  score: fc.double(),
  modifier: fc.boolean(),
  reason: text,
  evidence: fc.record({ entity: fc.option(text, { nil: undefined }), measure: text, value: fc.double(), transfers: fc.array(text, { maxLength: 3 }) }, { requiredKeys: ['measure', 'value', 'transfers'] }),
})
const verdict = fc.record({
  id: text,
  score: fc.oneof(fc.double(), fc.integer({ min: 0, max: 100 })),
  decision: fc.constantFrom('clear' as const, 'review' as const, 'block' as const),
  hits: fc.array(hit, { maxLength: 5 }),
  ruleset: text,
})
const owner = fc.record({ tenant: text, keyId: fc.option(text, { nil: null }) })
const record = fc.record({ timestamp: text, sender: fc.record({ id: text }), receiver: fc.record({ id: text }) })

describe('realtimeVerdictRowJson', () => {
  it('is the text verdictColumnsJson writes for toVerdictRow of the same call', () => {
    fc.assert(
      fc.property(verdict, owner, record, fc.array(text, { maxLength: 6 }), (v, o, r, keys) => {
        const rec = r as unknown as TransferRecord
        expect(realtimeVerdictRowJson(v, JSON.stringify(v), o, rec, keys)).toBe(viaRow(v, o, rec, keys))
      }),
      { numRuns: 5000 },
    )
  })

  it('stores an alert with its rules, typologies and entities once each, first seen first', () => {
    const v: Verdict = {
      id: 't-1',
      score: 72.5,
      decision: 'review',
      ruleset: 'default@3',
      hits: [
        { rule: 'fan-in', version: 1, typology: 'mule', score: 40, modifier: false, reason: 'r', evidence: { entity: 'id:ACC-2', measure: 'count', value: 9, transfers: ['t-0'] } },
        { rule: 'velocity', version: 2, typology: 'mule', score: 32.5, modifier: false, reason: 'r', evidence: { entity: 'id:ACC-1', measure: 'sum', value: 1, transfers: [] } },
      ],
    }
    const rec = { id: 't-1', timestamp: '2026-03-01T10:15:00Z', sender: { id: 'ACC-1' }, receiver: { id: 'ACC-2' } } as unknown as TransferRecord
    const json = realtimeVerdictRowJson(v, JSON.stringify(v), { tenant: 'default', keyId: 'k-1' }, rec, ['id:ACC-1', 'id:ACC-2'])
    expect(JSON.parse(json)).toEqual({
      batch_id: null,
      seq: null,
      line: null,
      record_id: 't-1',
      decision: 'review',
      score: 72.5,
      ruleset: 'default@3',
      rules: ['fan-in', 'velocity'],
      typologies: ['mule'],
      entities: ['id:ACC-1', 'id:ACC-2', 'ACC-1', 'ACC-2'],
      occurred_at: '2026-03-01T10:15:00Z',
      tenant: 'default',
      key_id: 'k-1',
      output: v,
    })
    expect(json).toBe(viaRow(v, { tenant: 'default', keyId: 'k-1' }, rec, ['id:ACC-1', 'id:ACC-2']))
  })
})
