import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/core/index.ts'
import type { BackgroundTasks } from '../../src/service/deps.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService, useSeededService } from './support/service.ts'

/** Holds background tasks until the test runs them: batches stay stored and unfinished. */
class HeldTasks implements BackgroundTasks {
  readonly held: ((signal: AbortSignal) => Promise<void>)[] = []
  run(task: (signal: AbortSignal) => Promise<void>): void {
    this.held.push(task)
  }
  async release(): Promise<void> {
    while (this.held.length > 0) await this.held.shift()!(new AbortController().signal).catch(() => {})
  }
  async idle() {}
}

const ndjson = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ ...transfer(i, `${prefix}-S${i % 40}`, `${prefix}-R`), id: `${prefix}-${i}` })).join('\n') + '\n'

for (const dialect of DIALECTS) {
  describe(`${dialect}: limits`, () => {
    const s = useSeededService(dialect)

    const upload = (svc: TestService, key: string, body: string) =>
      svc.request('/v1/batches', { method: 'POST', key, body, headers: { 'content-type': 'application/x-ndjson', 'content-length': String(new TextEncoder().encode(body).byteLength) } })
    const status = async (svc: TestService, id: string) => (await svc.request(`/v1/batches/${id}`, { key: s.keys.admin })).json()
    const finished = async (svc: TestService, id: string) => {
      for (let i = 0; i < 1200; i++) {
        const b = await status(svc, id)
        if (b.status === 'completed' || b.status === 'failed') return b
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`batch ${id} did not finish`)
    }

    it('queues batches in the database and screens at most the configured number at once', async () => {
      const svc = new TestService(s.svc.store, { batchConcurrency: 1 })
      const ids: string[] = []
      for (const [n, p] of [[3000, 'qa'], [50, 'qb'], [50, 'qc']] as const) ids.push((await (await upload(svc, s.keys.screen, ndjson(n, `${p}${dialect}`))).json()).id)
      // the later ones wait their turn in the batches table
      expect((await status(svc, ids[2]!)).status).toBe('queued')
      const done = []
      for (const id of ids) done.push(await finished(svc, id))
      expect(done.map((b) => b.status)).toEqual(['completed', 'completed', 'completed'])
      // one at a time: each started after the one before it finished (times from the database's clock)
      for (let i = 1; i < done.length; i++) expect(Date.parse(done[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(done[i - 1].finishedAt))
    })

    it('answers 429 with Retry-After past a key\'s rate, per key, and again once the clock says tokens are back', async () => {
      const clock = new ManualClock(Date.parse('2026-03-01T00:00:00Z'))
      const svc = new TestService(s.svc.store, { clock, rateLimits: { screenPerSecond: 2, apiPerSecond: 3 } })
      const other = (await createApiKey(s.svc.store.db, { role: 'screen', name: `other-${dialect}` })).key
      const call = (key: string, i: number) => svc.post('/v1/screen', key, transfer(i, `RATE-${dialect}`, 'X'))
      expect((await call(s.keys.screen, 0)).status).toBe(200)
      expect((await call(s.keys.screen, 1)).status).toBe(200)
      const refused = await call(s.keys.screen, 2)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(await refused.json()).toMatchObject({ type: '/docs#problem-rate-limited', status: 429 })
      // another key has its own allowance
      expect((await call(other, 3)).status).toBe(200)
      clock.advance(1000)
      expect((await call(s.keys.screen, 4)).status).toBe(200)

      // the rest of the API has its own rate
      const reads = []
      for (let i = 0; i < 4; i++) reads.push((await svc.request('/v1/batches/b_nothing', { key: s.keys.analyst })).status)
      expect(reads).toEqual([404, 404, 404, 429])
    })

    it("bounds what one key keeps stored: batches waiting and their bytes", async () => {
      const held = new HeldTasks()
      const body = ndjson(20, `quota${dialect}`)
      const bytes = new TextEncoder().encode(body).byteLength
      const svc = new TestService(s.svc.store, { batchConcurrency: 5, maxPendingBatchesPerKey: 2, maxStoredBytesPerKey: bytes * 2 + 10 }, held)
      const key = (await createApiKey(s.svc.store.db, { role: 'screen', name: `quota-${dialect}` })).key
      expect((await upload(svc, key, body)).status).toBe(202)
      expect((await upload(svc, key, body)).status).toBe(202)
      const third = await upload(svc, key, body)
      expect(third.status).toBe(429)
      expect(await third.json()).toMatchObject({ type: '/docs#problem-quota-exceeded' })
      // another caller is not held back by this one
      expect((await upload(svc, s.keys.screen, body)).status).toBe(202)
      await held.release()
      expect((await upload(svc, key, body)).status).toBe(202)

      const roomy = new TestService(s.svc.store, { batchConcurrency: 5, maxPendingBatchesPerKey: 10, maxStoredBytesPerKey: bytes + 10 }, held)
      expect((await upload(roomy, key, body)).status).toBe(429)
      await held.release()
      const big = await upload(roomy, key, body + body)
      expect([413, 429]).toContain(big.status)
      await held.release()
    })
  })
}
