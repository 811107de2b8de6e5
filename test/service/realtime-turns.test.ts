import { describe, expect, it } from 'vitest'
import { ScreeningError, type TransferRecord } from '../../src/core/index.ts'
import type { LiveScreening, LiveScreeningOptions } from '../../src/service/live-screening.ts'
import { WriterOverloadedError } from '../../src/service/write-behind.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService, seed, useSeededService } from './support/service.ts'
import { freshDatabase } from './support/databases.ts'

// LiveScreening's `afterIo` (the Node server gives it setImmediate): calls that arrive in one event-loop turn are
// screened together at its end. They must be screened in arrival order, each once, and be written like any other.
for (const dialect of DIALECTS) {
  describe(`${dialect}: real-time calls screened at the end of their turn`, () => {
    const seeded = useSeededService(dialect, { live: { afterIo: setImmediate } })

    // a service of its own on a fresh database, seeded and started, closed and dropped after
    const withLive = async (options: Partial<LiveScreeningOptions>, body: (live: LiveScreening, svc: TestService) => Promise<void>) => {
      const test = await freshDatabase(dialect)
      const svc = await TestService.open(test.target, { live: options })
      try {
        await seed(svc)
        await svc.live!.start()
        await body(svc.live!, svc)
      } finally {
        await svc.close()
        await test.drop()
      }
    }

    const repeatCount = (v: { hits: { rule: string; evidence?: unknown }[] }) => (v.hits.find((h) => h.rule === 'repeat-sender')?.evidence as { value?: number } | undefined)?.value

    it('screens the calls of one turn in the order they came, each counting those before it', async () => {
      const live = seeded.svc.live!
      const records = Array.from({ length: 6 }, (_, i) => transfer(100 + i, 'TURN-A', `R${i}`) as TransferRecord)
      // all six asked for before any is screened
      const results = await Promise.all(records.map((r) => live.screen(r)))
      expect(results.map((r) => repeatCount(r.verdict) ?? 1)).toEqual([1, 2, 3, 4, 5, 6])
      expect(results.map((r) => r.verdict.id)).toEqual(records.map((r) => r.id))
    })

    it('counts a transfer asked for twice in one turn once, and answers both alike', async () => {
      const live = seeded.svc.live!
      const first = transfer(200, 'TURN-B', 'X') as TransferRecord
      await live.screen(first)
      const again = transfer(201, 'TURN-B', 'Y') as TransferRecord
      const [a, b] = await Promise.all([live.screen(again), live.screen(again)])
      expect(b.json).toBe(a.json)
      expect(repeatCount(a.verdict)).toBe(2)
      const next = await live.screen(transfer(202, 'TURN-B', 'Z') as TransferRecord)
      expect(repeatCount(next.verdict)).toBe(3)
    })

    it('screens the calls that come while a flush is due just before it, back to back, in that flush', async () => {
      await withLive({ afterIo: setImmediate, flushDelayMs: 60 }, async (live) => {
        const before = live.stats().transfers
        const flushes = live.writer.flushes
        const first = live.screen(transfer(400, 'TURN-D', 'X') as TransferRecord)
        await new Promise((r) => setTimeout(r, 10))
        // screened at the end of its turn: the writer had nothing due
        expect(live.stats().transfers).toBe(before + 1)
        const later = [1, 2, 3].map((i) => live.screen(transfer(400 + i, 'TURN-D', 'X') as TransferRecord))
        await new Promise((r) => setTimeout(r, 10))
        // the first call's flush is due: these wait for it, unscreened
        expect(live.stats().transfers).toBe(before + 1)
        const results = await Promise.all([first, ...later])
        expect(results.map((r) => repeatCount(r.verdict) ?? 1)).toEqual([1, 2, 3, 4])
        expect(live.writer.flushes).toBe(flushes + 1)
        expect(live.stats().transfers).toBe(before + 4)
      })
    })

    it('holds at most holdAtMost calls for a flush due: past that, a turn screens what it holds', async () => {
      await withLive({ afterIo: setImmediate, flushDelayMs: 60, holdAtMost: 3 }, async (live) => {
        const before = live.stats().transfers
        const first = live.screen(transfer(500, 'TURN-E', 'X') as TransferRecord)
        await new Promise((r) => setTimeout(r, 10))
        const two = [1, 2].map((i) => live.screen(transfer(500 + i, 'TURN-E', 'X') as TransferRecord))
        await new Promise((r) => setTimeout(r, 10))
        expect(live.stats().transfers).toBe(before + 1)
        const three = [3, 4, 5].map((i) => live.screen(transfer(500 + i, 'TURN-E', 'X') as TransferRecord))
        await new Promise((r) => setTimeout(r, 10))
        // five held, more than three: screened at the end of the turn, the flush still due
        expect(live.stats().transfers).toBe(before + 6)
        const results = await Promise.all([first, ...two, ...three])
        expect(results.map((r) => repeatCount(r.verdict) ?? 1)).toEqual([1, 2, 3, 4, 5, 6])
      })
    })

    it('answers a held batch call by call: a refused record, a transfer asked for twice, the calls after them', async () => {
      await withLive({ afterIo: setImmediate, flushDelayMs: 60 }, async (live) => {
        const before = live.stats().transfers
        const first = live.screen(transfer(600, 'TURN-F', 'X') as TransferRecord)
        await new Promise((r) => setTimeout(r, 10))
        // held for the first call's flush, screened together just before it
        const twice = transfer(601, 'TURN-F', 'Y') as TransferRecord
        const held = [
          live.screen(twice),
          live.screen(transfer(602, 'TURN-F', 'Y', { currency: 'ZZZ' }) as TransferRecord),
          live.screen(twice),
          live.screen(transfer(603, 'TURN-F', 'Z') as TransferRecord),
        ]
        const settled = await Promise.allSettled([first, ...held])
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
        const answers = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined))
        expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(ScreeningError)
        expect(answers[3]!.json).toBe(answers[1]!.json)
        expect([answers[0], answers[1], answers[4]].map((a) => repeatCount(a!.verdict) ?? 1)).toEqual([1, 2, 3])
        expect(live.stats().transfers).toBe(before + 3)
      })
    })

    it('never counts a held call the full writer then refuses: each call counted is written, the others refused uncounted', async () => {
      await withLive({ afterIo: setImmediate, flushDelayMs: 60, maxQueuedRows: 10 }, async (live, svc) => {
        const before = live.stats().transfers
        const first = live.screen(transfer(700, 'TURN-G', 'X') as TransferRecord)
        await new Promise((r) => setTimeout(r, 10))
        const records = Array.from({ length: 8 }, (_, i) => transfer(701 + i, 'TURN-G', `R${i}`) as TransferRecord)
        const settled = await Promise.allSettled([first, ...records.map((r) => live.screen(r))])
        const written = settled.filter((s) => s.status === 'fulfilled').length
        const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected')
        expect(refused.length).toBeGreaterThan(0)
        for (const r of refused) expect(r.reason).toBeInstanceOf(WriterOverloadedError)
        expect(live.stats().transfers).toBe(before + written)
        // the calls answered are the first ones, in order, and their transfers are stored
        expect(settled.slice(0, written).every((s) => s.status === 'fulfilled')).toBe(true)
        const ids = settled.slice(0, written).map((s) => (s as PromiseFulfilledResult<{ verdict: { id: string } }>).value.verdict.id)
        const rows = await svc.store.db.selectFrom('entity_events').select('event_id').where('event_id', 'in', ids).execute()
        expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(ids))
      })
    })

    it('answers the calls taken in before a close, and commits their rows', async () => {
      const test = await freshDatabase(dialect)
      const svc = await TestService.open(test.target, { live: { afterIo: setImmediate } })
      try {
        await seed(svc)
        const records = Array.from({ length: 3 }, (_, i) => transfer(300 + i, 'TURN-C', 'X') as TransferRecord)
        const calls = records.map((r) => svc.live!.screen(r))
        const closed = svc.live!.close()
        expect((await Promise.all(calls)).map((r) => r.verdict.id)).toEqual(records.map((r) => r.id))
        await closed
        const rows = await svc.store.db.selectFrom('entity_events').select('event_id').where('event_id', 'in', records.map((r) => r.id)).execute()
        expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(records.map((r) => r.id)))
      } finally {
        await svc.close()
        await test.drop()
      }
    })
  })
}
