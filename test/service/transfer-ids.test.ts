import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RealtimeStateMode } from '../../src/service/realtime.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { seed, TestService, type Keys } from './support/service.ts'

const MODES: RealtimeStateMode[] = ['memory', 'database']

for (const dialect of DIALECTS) {
  for (const mode of MODES) {
    describe(`${dialect}, state in ${mode}: a transfer id is screened once`, () => {
      let test: TestDatabase
      let svc: TestService
      let keys: Keys
      beforeAll(async () => {
        test = await freshDatabase(dialect)
        // a memory that remembers three answers: retries older than that must still be found
        svc = await TestService.open(test.target, { realtimeState: mode, live: { recentIds: 3 } })
        keys = await seed(svc)
      })
      afterAll(async () => {
        await svc.close()
        await test.drop()
      })

      const stored = async (id: string) => {
        const db = svc.store.db
        const events = await db.selectFrom('entity_events').select(db.fn.countAll().as('n')).where('event_id', '=', id).executeTakeFirstOrThrow()
        const verdicts = await db.selectFrom('verdicts').select(db.fn.countAll().as('n')).where('record_id', '=', id).where('batch_id', 'is', null).executeTakeFirstOrThrow()
        return { events: Number(events.n), verdicts: Number(verdicts.n) }
      }

      it('answers a retry with the same body with the stored verdict and counts it once', async () => {
        const first = transfer(0, `SAME-${mode}`, 'X')
        const second = { ...transfer(1, `SAME-${mode}`, 'Y') }
        const a = await (await svc.post('/v1/screen', keys.screen, first)).json()
        const b = await (await svc.post('/v1/screen', keys.screen, second)).json()
        expect(b.decision).toBe('review')
        const before = await stored(second.id)
        expect((await svc.post('/v1/screen', keys.screen, second)).status).toBe(200)
        expect(await (await svc.post('/v1/screen', keys.screen, first)).json()).toEqual(a)
        expect(await stored(second.id)).toEqual(before)
        // a third transfer from the sender sees two before it, not three
        const third = await (await svc.post('/v1/screen', keys.screen, transfer(2, `SAME-${mode}`, 'Z'))).json()
        expect(third.hits[0].reason).toMatch(/^3 transfers/)
      })

      it('refuses the same id with a different body with 409', async () => {
        const original = transfer(10, `DIFF-${mode}`, 'X')
        expect((await svc.post('/v1/screen', keys.screen, original)).status).toBe(200)
        const changed = await svc.post('/v1/screen', keys.screen, { ...original, amount: '999.00' })
        expect(changed.status).toBe(409)
        expect((await changed.json()).type).toBe('/docs#problem-transfer-id-reused')
        expect(await stored(original.id)).toMatchObject({ verdicts: 1 })
      })

      it('remembers ids past the answers kept in memory', async () => {
        const old = transfer(20, `OLD-${mode}`, 'X')
        const answer = await (await svc.post('/v1/screen', keys.screen, old)).json()
        const before = await stored(old.id)
        for (let i = 0; i < 6; i++) expect((await svc.post('/v1/screen', keys.screen, transfer(21 + i, `FILL-${mode}-${i}`, 'Y'))).status).toBe(200)
        expect(await (await svc.post('/v1/screen', keys.screen, old)).json()).toEqual(answer)
        expect((await svc.post('/v1/screen', keys.screen, { ...old, amount: '1.00' })).status).toBe(409)
        expect(await stored(old.id)).toEqual(before)
      })

      it('keeps entity events unique per transfer and key in the database', async () => {
        const row = sql`insert into entity_events (key, event_id, occurred_at, record) values ('id:U', 'uniq-${sql.raw(mode)}', now(), '{}')`
        await row.execute(svc.store.db)
        await expect(row.execute(svc.store.db)).rejects.toThrow(/duplicate key|unique/)
      })
    })
  }

  describe(`${dialect}: a transfer id survives a restart`, () => {
    it('refuses a changed body after the in-memory state is warmed again from the database', async () => {
      const test = await freshDatabase(dialect)
      let svc = await TestService.open(test.target)
      try {
        const keys = await seed(svc)
        const original = transfer(30, 'WARM', 'X')
        const answer = await (await svc.post('/v1/screen', keys.screen, original)).json()
        await svc.live!.close()
        svc = new TestService(svc.store)
        await svc.live!.start()
        expect(await (await svc.post('/v1/screen', keys.screen, original)).json()).toEqual(answer)
        expect((await svc.post('/v1/screen', keys.screen, { ...original, timestamp: '2026-03-05T00:00:00.000Z' })).status).toBe(409)
      } finally {
        await svc.close()
        await test.drop()
      }
    })
  })
}
