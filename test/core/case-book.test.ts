import { describe, expect, it } from 'vitest'
import { CaseBook } from '../../src/core/screen/cases.ts'
import type { Hit, Verdict } from '../../src/core/index.ts'

const hit = (entity: string, transfers: string[]): Hit => ({
  rule: 'fan-in', version: 1, typology: 'mules', score: 60, modifier: false, reason: 'many senders',
  evidence: { entity, measure: 'distinct', value: 5, transfers },
})
const verdict = (id: string, hits: Hit[]): Verdict => ({ id, score: 60, decision: 'review', hits, ruleset: 'r@1' })

describe('CaseBook', () => {
  it('gives each case a stable id from its scope, entity and first alerting transfer', () => {
    const build = (scope?: string) => {
      const book = new CaseBook(scope)
      book.add(verdict('t3', [hit('id:A', ['t1', 't2', 't3'])]), '2026-03-01T10:00:00.000Z', 'id:X')
      book.add(verdict('t4', [hit('id:B', ['t4'])]), '2026-03-01T11:00:00.000Z', 'id:X')
      return book.list().map((c) => c.id)
    }
    const ids = build()
    expect(ids).toEqual(build())
    expect(ids[0]).toMatch(/^c_[0-9a-f]{16}$/)
    expect(new Set(ids).size).toBe(2)
    expect(build('b_1')).not.toEqual(ids)
  })

  it('keeps every evidence transfer of its hits, alerting or not, once each, besides the alerting ones', () => {
    const book = new CaseBook()
    book.add(verdict('t3', [hit('id:A', ['t1', 't2', 't3']), hit('id:OTHER', ['t9'])]), '2026-03-01T10:00:00.000Z', 'id:X')
    book.add(verdict('t5', [hit('id:A', ['t2', 't4', 't5'])]), '2026-03-01T12:00:00.000Z', 'id:X')
    const a = book.list().find((c) => c.entity === 'id:A')!
    expect(a.transfers).toEqual(['t3', 't5'])
    expect(a.evidence).toEqual(['t3', 't1', 't2', 't5', 't4'])
  })
})
