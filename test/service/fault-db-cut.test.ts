import { describe, expect, it } from 'vitest'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService } from './support/service.ts'
import { useServiceBehindProxy } from './support/proxied-pg.ts'

// The database cut and restored while real-time calls keep coming, through a proxy of this test's own (other
// test files keep their PostgreSQL). The cut and the restore fall between waves of calls, not at times.
describe.runIf(DIALECTS.includes('pg'))('pg: database cut under real-time load', () => {
  const s = useServiceBehindProxy((url) => TestService.open({ kind: 'pg', url }, { screenTimeoutMs: 2000 }))

  it('stores every transfer answered 200, once, and retries of the refused ones are stored once too', async () => {
    const WAVES = 12
    const PER_WAVE = 25
    const sent = new Map<string, ReturnType<typeof transfer>>()
    const status = new Map<string, number>()
    const wave = async (w: number) => {
      const calls = Array.from({ length: PER_WAVE }, (_, i) => {
        const t = transfer(w * PER_WAVE + i, `CUT-S${i % 7}`, `CUT-R${w}`)
        sent.set(t.id, t)
        return s.svc.post('/v1/screen', s.keys.screen, t).then((r) => status.set(t.id, r.status))
      })
      await Promise.all(calls)
    }
    for (let w = 0; w < WAVES; w++) {
      // cut while a wave is in flight, restore two waves later
      if (w === 4) {
        const inFlight = wave(w)
        await new Promise((r) => setImmediate(r))
        await s.proxy.stop()
        await inFlight
        continue
      }
      if (w === 7) await s.proxy.start()
      await wave(w)
    }
    const answered = [...status].filter(([, code]) => code === 200).map(([id]) => id)
    const refused = [...status].filter(([, code]) => code !== 200)
    expect(refused.length).toBeGreaterThan(0)
    expect(answered.length).toBeGreaterThan(0)
    expect(new Set(refused.map(([, code]) => code))).toEqual(new Set([503]))

    // the client retries what was refused, as a 503 asks it to
    for (const [id] of refused) expect((await s.svc.post('/v1/screen', s.keys.screen, sent.get(id))).status).toBe(200)

    const db = s.svc.store.db
    const verdicts = await db.selectFrom('verdicts').select(['record_id']).where('batch_id', 'is', null).where('record_id', 'like', 'tx-%').execute()
    const counts = new Map<string, number>()
    for (const v of verdicts) counts.set(v.record_id!, (counts.get(v.record_id!) ?? 0) + 1)
    for (const id of sent.keys()) expect(counts.get(id), id).toBe(1)
    const events = await db.selectFrom('entity_events').select(['event_id', 'key']).execute()
    const perKey = new Map<string, number>()
    for (const e of events) perKey.set(`${e.event_id} ${e.key}`, (perKey.get(`${e.event_id} ${e.key}`) ?? 0) + 1)
    expect([...perKey.values()].every((n) => n === 1)).toBe(true)
    // every transfer sent is in the history under both its parties
    const stored = new Set(events.map((e) => e.event_id))
    for (const id of sent.keys()) expect(stored.has(id), id).toBe(true)

    // and the state in memory agrees with the store: the next transfer of a sender counts its history once
    await s.svc.live!.start()
    const next = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(WAVES * PER_WAVE + 1, 'CUT-S0', 'CUT-END'))).json()
    const history = [...sent.values()].filter((t) => t.sender.id === 'CUT-S0' && Date.parse(t.timestamp) > Date.parse(transfer(WAVES * PER_WAVE + 1, 'x', 'y').timestamp) - 24 * 3600_000)
    expect(next.hits[0].evidence.value).toBe(history.length + 1)
  }, 300_000)
})
