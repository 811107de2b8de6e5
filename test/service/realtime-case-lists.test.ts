import { describe, expect, it } from 'vitest'
import { CaseBook, MAX_CASE_EVIDENCE, MAX_CASE_TRANSFERS, type Case, type Hit, type Verdict } from '../../src/core/index.ts'
import { appendToRealtimeCases, listCases, openRealtimeCaseHeads, saveRealtimeCases } from '../../src/store/cases.ts'
import { DIALECTS, useFreshStore } from './support/databases.ts'

const SCOPE = 'realtime:t'
const hit = (entity: string, transfers: string[], rule = 'fan-in'): Hit => ({
  rule, version: 1, typology: rule === 'fan-in' ? 'mules' : 'structuring', score: 60, modifier: false, reason: 'r',
  evidence: { entity, measure: 'distinct', value: 5, transfers },
})
// scores with fractions whose sums depend on the order they are added in
const verdict = (id: string, score: number, hits: Hit[]): Verdict => ({ id, score, decision: score >= 80 ? 'block' : 'review', hits, ruleset: 'r@1' })
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1) + minute * 60_000).toISOString()

/** alert i of entity A: evidence of 8 ids, 3 of them named by the alert before it */
function alertOfA(i: number): [Verdict, string] {
  const evidence = Array.from({ length: 8 }, (_, k) => `a${i * 5 + k}`)
  return [verdict(`t${i}`, 10.1 + (i % 7) * 0.7, [hit('id:A', evidence, i % 3 === 0 ? 'fan-in' : 'smurf')]), at(i)]
}

describe.each(DIALECTS)('real-time case lists appended in the database (%s)', (dialect) => {
  const s = useFreshStore(dialect)

  it('gives the cases a roll-up of every alert at once gives, with both lists past their caps', async () => {
    const first = Array.from({ length: 150 }, (_, i) => alertOfA(i))
    // the second sweep: 100 more alerts of A (past 200 transfers and 1,000 evidence ids), one earlier than any
    // before, and a new entity B
    const second: [Verdict, string][] = [...Array.from({ length: 100 }, (_, i) => alertOfA(150 + i)), [verdict('b1', 33.3, [hit('id:B', ['b0', 'b1'])]), at(500)]]
    second[10] = [second[10]![0], at(-5)]

    const whole = new CaseBook(SCOPE)
    for (const [v, t] of [...first, ...second]) whole.add(v, t, 'id:X')

    const db = s.store.db
    const sweep1 = new CaseBook(SCOPE)
    for (const [v, t] of first) sweep1.add(v, t, 'id:X')
    await saveRealtimeCases(db, 't', sweep1.list())

    const sweep2 = new CaseBook(SCOPE)
    const heads = await openRealtimeCaseHeads(db, 't', ['id:A', 'id:B'], at(-60))
    expect(heads.map((h) => h.entity)).toEqual(['id:A'])
    for (const h of heads) sweep2.resumeWithoutLists(h)
    for (const [v, t] of second) sweep2.add(v, t, 'id:X')
    const grown = sweep2.list().find((c) => c.entity === 'id:A')!
    // only what the second sweep adds is sent
    expect(sweep2.appends('id:A') && !sweep2.appends('id:B')).toBe(true)
    expect(grown.transfers).toHaveLength(100)
    await saveRealtimeCases(db, 't', sweep2.list().filter((c) => !sweep2.appends(c.entity)))
    await appendToRealtimeCases(db, 't', sweep2.list().filter((c) => sweep2.appends(c.entity)))

    const stored = (await listCases(db, 't', {}, { limit: 10 })).map((r) => r.case)
    const byEntity = (cs: Case[]) => [...cs].sort((a, b) => a.entity.localeCompare(b.entity))
    expect(byEntity(stored)).toEqual(byEntity(whole.list()))
    const a = stored.find((c) => c.entity === 'id:A')!
    expect(a.transfers).toHaveLength(MAX_CASE_TRANSFERS)
    expect(a.evidence).toHaveLength(MAX_CASE_EVIDENCE)
    expect(a.firstSeen).toBe(at(-5))
  })

  it("leaves another tenant's case of the same id as it is", async () => {
    const db = s.store.db
    const book = new CaseBook('realtime:u')
    book.add(verdict('u1', 50, [hit('id:U', ['u0', 'u1'])]), at(0), 'id:X')
    const [mine] = book.list()
    await saveRealtimeCases(db, 'u', [mine!])
    await appendToRealtimeCases(db, 'other', [{ ...mine!, alerts: 9, transfers: ['x'], evidence: ['x'] }])
    const [kept] = (await listCases(db, 'u', {}, { limit: 10 })).map((r) => r.case)
    expect(kept).toEqual(mine)
  })
})
