import { describe, expect, it } from 'vitest'
import { insertShadowVerdicts, listShadowVerdicts, type ShadowVerdictRow } from '../../src/store/shadow-verdicts.ts'
import { DIALECTS, useFreshStore } from './support/databases.ts'

const row = (i: number, shadowId: string): ShadowVerdictRow => ({
  shadowId,
  ruleset: 'candidate',
  activeRuleset: 'active',
  tenant: 'default',
  keyId: i % 2 === 0 ? null : 'key-1',
  recordId: `r-${i}`,
  decision: 'review',
  score: 40 + (i % 7),
  activeDecision: 'clear',
  activeScore: i % 30,
  outputJson: JSON.stringify({ id: `r-${i}`, score: 40 + (i % 7), decision: 'review', hits: [{ rule: 'fan-in', reason: 'a "quoted" reason' }] }),
})

for (const dialect of DIALECTS) {
  describe(`shadow verdict rows (${dialect})`, () => {
    const s = useFreshStore(dialect)

    it("stores more rows than one statement takes (11 parameters a row, at most 65,535 a statement), each as given, in order", async () => {
      const rows = Array.from({ length: 6100 }, (_, i) => row(i, 'run-1'))
      await insertShadowVerdicts(s.store.db, rows)
      // a flush of the same size again (the statement's text reused)
      await insertShadowVerdicts(s.store.db, rows.slice(0, 100).map((r) => ({ ...r, shadowId: 'run-2' })))
      const stored = await listShadowVerdicts(s.store.db, 'run-1', 'default')
      expect(stored.map((r) => r.recordId)).toEqual(rows.map((r) => r.recordId))
      expect(stored.map((r) => r.output)).toEqual(rows.map((r) => JSON.parse(r.outputJson)))
      expect(stored.map((r) => r.decision + r.activeDecision)).toEqual(rows.map(() => 'reviewclear'))
      expect(await listShadowVerdicts(s.store.db, 'run-2', 'default')).toHaveLength(100)
    }, 60_000)
  })
}
