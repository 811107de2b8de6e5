import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileRuleset, Screener, TransferRecordSchema, type Verdict } from '../../src/core/index.ts'
import { clearVerdictJson, verdictJson } from '../../src/service/verdict-json.ts'
import { TEST_RULES, transfer } from './support/rules.ts'

describe("a verdict's JSON", () => {
  it('is what JSON.stringify makes of it, for any id and rule-set version of a clear verdict', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (id, ruleset) => {
        const clear: Verdict = { id, score: 0, decision: 'clear', hits: [], ruleset }
        expect(verdictJson(clear)).toBe(JSON.stringify(clear))
        expect(clearVerdictJson(id, ruleset)).toBe(JSON.stringify(clear))
      }),
      { numRuns: 3000 },
    )
  })

  it('is what JSON.stringify makes of the verdicts a screener gives, clear or not', () => {
    const compiled = compileRuleset(TEST_RULES)
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues))
    const screener = new Screener(compiled.ruleset)
    let alerts = 0
    for (let i = 0; i < 40; i++) {
      const verdict = screener.screen(TransferRecordSchema.parse(transfer(i, 'JSON-S', `JSON-R${i % 3}`, { amount: '9500.00' })))
      if (verdict.decision !== 'clear') alerts++
      expect(verdictJson(verdict)).toBe(JSON.stringify(verdict))
    }
    expect(alerts).toBeGreaterThan(0)
  })
})
