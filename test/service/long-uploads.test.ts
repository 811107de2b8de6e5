import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../src/adapters/node/config.ts'
import { startService } from '../../src/adapters/node/service.ts'
import type { BackgroundTasks } from '../../src/service/deps.ts'
import { deleteUpload } from '../../src/store/batches.ts'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { DIALECTS, freshDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService, useSeededService } from './support/service.ts'

/** Holds background tasks until the test runs them, so it can change the stored upload first. */
class HeldTasks implements BackgroundTasks {
  readonly held: ((signal: AbortSignal) => Promise<void>)[] = []
  run(task: (signal: AbortSignal) => Promise<void>): void {
    this.held.push(task)
  }
  async release(): Promise<void> {
    for (const task of this.held.splice(0)) await task(new AbortController().signal).catch(() => {})
  }
  async idle() {}
}

const encoder = new TextEncoder()
const lineOf = (i: number, prefix: string) => JSON.stringify({ ...transfer(i, `${prefix}-S${i % 5}`, `${prefix}-R`), id: `${prefix}-${i}` })

/** A body that sends `n` lines, or breaks off with an error after `cutAfter` of them. */
function body(n: number, prefix: string, cutAfter = Infinity): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= cutAfter) return controller.error(new Error('connection reset by the client'))
      if (sent >= n) return controller.close()
      const end = Math.min(n, sent + 10, cutAfter)
      const chunk: string[] = []
      for (; sent < end; sent++) chunk.push(lineOf(sent, prefix))
      controller.enqueue(encoder.encode(chunk.join('\n') + '\n'))
    },
  })
}

async function uploadRows(db: TestService['store']['db'], batchId: string): Promise<number> {
  const row = await db.selectFrom('batch_uploads').select((eb) => eb.fn.countAll<string>().as('n')).where('batch_id', '=', batchId).executeTakeFirstOrThrow()
  return Number(row.n)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: long and broken uploads`, () => {
    const s = useSeededService(dialect)

    const post = (svc: TestService, stream: ReadableStream<Uint8Array>, idem: string, query = '') =>
      svc.request(`/v1/batches${query}`, { method: 'POST', key: s.keys.screen, body: stream, headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': idem } })

    it('lets a streamed batch that was cut off be sent again under its Idempotency-Key, each verdict once', async () => {
      const idem = `stream-cut-${dialect}`
      const cut = await post(s.svc, body(300, `sc${dialect}`, 120), idem, '?stream=true')
      const id = cut.headers.get('x-batch-id')!
      await cut.text().catch(() => '')
      const failed = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
      expect(failed.status).toBe('failed')

      const again = await post(s.svc, body(300, `sc${dialect}`), idem, '?stream=true')
      expect(again.status).toBe(200)
      expect(again.headers.get('x-batch-id')).toBe(id)
      const out = (await again.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l))
      expect(out.map((o) => o.id)).toEqual(Array.from({ length: 300 }, (_, i) => `sc${dialect}-${i}`))
      const done = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
      expect(done).toMatchObject({ status: 'completed', counts: { records: 300 }, error: null })
      const stored = (await (await s.svc.request(`/v1/batches/${id}/verdicts`, { key: s.keys.screen })).text()).split('\n').filter(Boolean)
      expect(stored).toHaveLength(300)
    })

    it('deletes what was stored of an upload that broke off', async () => {
      const small = new TestService(s.svc.store, { uploadChunkBytes: 4096 })
      const res = await post(small, body(500, `ub${dialect}`, 400), `upload-cut-${dialect}`)
      expect(res.status).toBeGreaterThanOrEqual(400)
      const row = await s.svc.store.db.selectFrom('batches').select(['id', 'status']).where('idempotency_key', '=', `upload-cut-${dialect}`).executeTakeFirstOrThrow()
      expect(row.status).toBe('failed')
      expect(await uploadRows(s.svc.store.db, row.id)).toBe(0)
    })

    it('deletes the stored upload of a batch whose screening failed', async () => {
      const held = new HeldTasks()
      const svc = new TestService(s.svc.store, { uploadChunkBytes: 4096 }, held)
      const res = await post(svc, body(400, `sf${dialect}`), `screen-fail-${dialect}`)
      expect(res.status).toBe(202)
      const { id } = await res.json()
      expect(await uploadRows(s.svc.store.db, id)).toBeGreaterThan(2)
      // a piece goes missing: screening stops there with an error
      await s.svc.store.db.deleteFrom('batch_uploads').where('batch_id', '=', id).where('seq', '=', 1).execute()
      await held.release()
      const failed = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
      expect(failed.status).toBe('failed')
      expect(await uploadRows(s.svc.store.db, id)).toBe(0)
      await deleteUpload(s.svc.store.db, id)
    })
  })
}

describe('the Node server and long uploads', () => {
  it('does not cut a request off after a fixed time unless told to (Node would after 300 s)', async () => {
    expect(configFromEnv({}).requestTimeoutMs).toBe(0)
    expect(configFromEnv({ TXSCREEN_REQUEST_TIMEOUT_SECONDS: '900' }).requestTimeoutMs).toBe(900_000)
    const test = await freshDatabase('pglite')
    const service = await startService(await openDatabase(test.target), { ...configFromEnv({}), port: 0, host: '127.0.0.1' })
    try {
      expect(service.server.requestTimeout).toBe(0)
      // headers must still arrive in time: a slow client cannot hold a connection with half a request line
      expect(service.server.headersTimeout).toBeGreaterThan(0)
    } finally {
      await service.stop()
      await test.drop()
    }
  })
})
