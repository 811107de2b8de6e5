import { describe, expect, it } from 'vitest'
import { recoverStaleBatches } from '../../src/service/batches.ts'
import { readStoredUpload, storeUpload } from '../../src/service/batch-upload.ts'
import { createBatch, getBatch } from '../../src/store/batches.ts'
import { DEFAULT_CONFIG, type BackgroundTasks } from '../../src/service/deps.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService, useSeededService } from './support/service.ts'

/** Runs each background task with a signal that trips after `checks` checks: a process dying mid-batch. */
class DyingTasks implements BackgroundTasks {
  died: Promise<void> = Promise.resolve()
  constructor(readonly checks: number) {}
  run(task: (signal: AbortSignal) => Promise<void>): void {
    let n = 0
    const limit = this.checks
    const tripwire = {
      get aborted() {
        return n > limit
      },
      throwIfAborted() {
        if (++n > limit) throw new Error('killed')
      },
    } as unknown as AbortSignal
    this.died = task(tripwire).then(
      () => {
        throw new Error('the task was meant to die')
      },
      () => {},
    )
  }
  async idle() {}
}

const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n'

/** `n` lines over a few senders (so some alert), with a malformed line every `badEvery`. */
function batchLines(n: number, prefix: string, badEvery = 0): string[] {
  return Array.from({ length: n }, (_, i) => {
    if (badEvery && i % badEvery === badEvery - 1) return i % 2 ? '{"id": "broken",' : JSON.stringify({ ...transfer(i, 'S', 'R'), amount: 'lots' })
    return JSON.stringify({ ...transfer(i, `${prefix}-S${i % 50}`, `${prefix}-R${i % 7}`), id: `${prefix}-${i}` })
  })
}

async function waitForBatch(svc: TestService, key: string, id: string, until: (b: any) => boolean = (b) => ['completed', 'failed'].includes(b.status)) {
  for (let i = 0; i < 600; i++) {
    const b = await (await svc.request(`/v1/batches/${id}`, { key })).json()
    if (until(b)) return b
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`batch ${id} did not finish`)
}

const lines = async (res: Response) => (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l))

for (const dialect of DIALECTS) {
  describe(`${dialect}: batches`, () => {
    const s = useSeededService(dialect)

    const upload = (body: string | ReadableStream<Uint8Array>, opts: { type?: string; idem?: string; query?: string; service?: TestService } = {}) =>
      (opts.service ?? s.svc).request(`/v1/batches${opts.query ?? ''}`, {
        method: 'POST',
        key: s.keys.screen,
        body,
        headers: { 'content-type': opts.type ?? 'application/x-ndjson', ...(opts.idem ? { 'idempotency-key': opts.idem } : {}) },
      })

    it('screens a few thousand records with malformed lines: one output per line, in order', async () => {
      const input = batchLines(3000, 'big', 97)
      const res = await upload(ndjson(input))
      expect(res.status).toBe(202)
      const accepted = await res.json()
      expect(res.headers.get('location')).toBe(`/v1/batches/${accepted.id}`)
      const done = await waitForBatch(s.svc, s.keys.screen, accepted.id)
      expect(done.status).toBe('completed')
      expect(done.counts.records).toBe(3000)
      expect(done.counts.errors).toBe(30)
      expect(done.counts.clear + done.counts.review + done.counts.block + done.counts.errors).toBe(3000)
      expect(done.counts.outOfOrder).toBe(0)
      expect(done.progress.fraction).toBe(1)

      const out = await lines(await s.svc.request(`/v1/batches/${accepted.id}/verdicts`, { key: s.keys.screen }))
      expect(out).toHaveLength(3000)
      out.forEach((o, i) => {
        if ((i + 1) % 97 === 0) expect(o).toMatchObject({ line: i + 1, error: { code: expect.stringMatching(/invalid_json|invalid_record/) } })
        else expect(o.id).toBe(`big-${i}`)
      })

      const alerts = await lines(await s.svc.request(`/v1/batches/${accepted.id}/verdicts?decision=review,block`, { key: s.keys.analyst }))
      expect(alerts.length).toBe(done.counts.review + done.counts.block)
      expect(alerts.length).toBeGreaterThan(0)
      expect(alerts.every((a) => a.decision !== 'clear' && !a.error)).toBe(true)
      const blocks = await lines(await s.svc.request(`/v1/batches/${accepted.id}/verdicts?decision=block`, { key: s.keys.analyst }))
      expect(blocks.length).toBe(done.counts.block)

      const cases = await (await s.svc.request(`/v1/batches/${accepted.id}/cases`, { key: s.keys.analyst })).json()
      expect(cases.cases.length).toBeGreaterThan(0)
      expect(cases.cases[0]).toMatchObject({ entity: expect.stringContaining('big-S'), rules: ['repeat-sender'], typologies: ['velocity'], decision: 'block' })
      expect(cases.cases[0].alerts).toBe(cases.cases[0].transfers.length)
      expect(cases.cases[0].score).toBeGreaterThanOrEqual(cases.cases.at(-1).score)

      // the same cases as a CSV export, when Accept asks for it
      const csv = await s.svc.request(`/v1/batches/${accepted.id}/cases`, { key: s.keys.analyst, headers: { accept: 'text/csv' } })
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
      const [header, ...rows] = (await csv.text()).trimEnd().split('\n')
      expect(header!.split(',')).toEqual(expect.arrayContaining(['entity', 'decision', 'score', 'transfers']))
      expect(rows).toHaveLength(cases.cases.length)
      expect(rows[0]!.startsWith(`${cases.cases[0].id},${cases.cases[0].entity},${cases.cases[0].decision},`)).toBe(true)
    })

    it('reads CSV too, and rejects other media types with 415', async () => {
      const csv = 'id,timestamp,amount,currency,sender.id,receiver.id\nC1,2026-03-01T10:00:00Z,950.00,USD,CSV-A,CSV-B\nC2,2026-03-01T10:05:00Z,12.00,USD,CSV-A,CSV-C\n'
      const res = await upload(csv, { type: 'text/csv', query: '?stream=true' })
      expect(res.status).toBe(200)
      const out = await lines(res)
      expect(out.map((o) => o.id)).toEqual(['C1', 'C2'])
      expect(out[1].decision).toBe('review')
      expect((await upload('x', { type: 'application/pdf' })).status).toBe(415)
    })

    it('counts the records that come more than the lateness behind the latest time before them', async () => {
      // the test ruleset allows an hour: the third record is a day behind the second, the fourth is in order again
      const rows = [0, 60, 60 - 24 * 60, 120].map((m) => transfer(m, 'ORD-A', 'ORD-B'))
      const res = await upload(ndjson(rows))
      const done = await waitForBatch(s.svc, s.keys.screen, (await res.json()).id)
      expect(done).toMatchObject({ status: 'completed', counts: { records: 4, outOfOrder: 1 } })
    })

    it('keeps multi-byte characters whole when a stored upload is cut into pieces', async () => {
      const text = ndjson([{ ...transfer(0, 'UTF-A', 'UTF-B'), id: 'utf-1', reference: 'passage 🚤 à Calais — ok' }])
      const bytes = new TextEncoder().encode(text)
      const { batch } = await createBatch(s.svc.store.db, { id: `b_utf_${dialect}`, format: 'ndjson', mode: 'async', ruleset: (await s.svc.rulesets.active(s.svc.store.db)).version, idempotencyKey: null, createdBy: null, ownerKey: 'k-test', tenant: 'default' })
      // the client's writes split characters too: one byte at a time
      const body = new ReadableStream<Uint8Array>({ start(c) { for (const b of bytes) c.enqueue(new Uint8Array([b])); c.close() } })
      expect(await storeUpload(s.svc.store.db, batch.id, body, 7)).toBe(bytes.byteLength)
      const pieces = (await getBatch(s.svc.store.db, batch.id))!.uploadChunks
      expect(pieces).toBeGreaterThan(5)
      expect(await new Response(readStoredUpload(s.svc.store.db, batch.id, pieces)).text()).toBe(text)
    })

    it('streams verdicts straight back with ?stream=true and keeps the batch', async () => {
      const input = batchLines(500, 'st', 0)
      const res = await upload(ndjson(input), { query: '?stream=true' })
      expect(res.headers.get('content-type')).toBe('application/x-ndjson')
      const out = await lines(res)
      expect(out.map((o) => o.id)).toEqual(input.map((l) => JSON.parse(l).id))
      const id = res.headers.get('x-batch-id')!
      const batch = await waitForBatch(s.svc, s.keys.screen, id)
      expect(batch).toMatchObject({ status: 'completed', mode: 'stream', counts: { records: 500 } })
    })

    it('returns the same batch for a retried upload with the same Idempotency-Key', async () => {
      const body = ndjson(batchLines(200, 'idem'))
      const first = await upload(body, { idem: `k-${dialect}` })
      expect(first.status).toBe(202)
      const a = await first.json()
      const second = await upload(body, { idem: `k-${dialect}` })
      expect(second.status).toBe(200)
      expect(second.headers.get('idempotent-replayed')).toBe('true')
      expect((await second.json()).id).toBe(a.id)
      await waitForBatch(s.svc, s.keys.screen, a.id)
      const out = await lines(await s.svc.request(`/v1/batches/${a.id}/verdicts`, { key: s.keys.screen }))
      expect(out).toHaveLength(200)
      // concurrent retries race for the key: still one batch
      const racing = await Promise.all([0, 1, 2].map(() => upload(body, { idem: `race-${dialect}` }).then((r) => r.json())))
      expect(new Set(racing.map((r) => r.id)).size).toBe(1)
    })

    it('pages through alerts with a cursor and filters by rule, entity, batch and time', async () => {
      const res = await upload(ndjson(Array.from({ length: 12 }, (_, i) => ({ ...transfer(i, 'PAGE-S', `PAGE-R${i}`), id: `page-${i}` }))))
      const { id } = await res.json()
      await waitForBatch(s.svc, s.keys.screen, id)
      const seen: string[] = []
      let cursor = ''
      for (let guard = 0; guard < 10; guard++) {
        const page = await (await s.svc.request(`/v1/alerts?batch=${id}&limit=5${cursor ? `&cursor=${cursor}` : ''}`, { key: s.keys.analyst })).json()
        seen.push(...page.alerts.map((a: any) => a.verdict.id))
        if (!page.next) break
        cursor = page.next
      }
      expect(seen).toEqual(Array.from({ length: 11 }, (_, i) => `page-${i + 1}`))
      const byEntity = await (await s.svc.request(`/v1/alerts?entity=PAGE-R3&limit=100`, { key: s.keys.analyst })).json()
      expect(byEntity.alerts.map((a: any) => a.verdict.id)).toEqual(['page-3'])
      const byRule = await (await s.svc.request(`/v1/alerts?rule=nope&batch=${id}`, { key: s.keys.analyst })).json()
      expect(byRule.alerts).toEqual([])
      const byTime = await (await s.svc.request(`/v1/alerts?batch=${id}&from=2026-03-01T00:05:00Z&to=2026-03-01T00:08:00Z`, { key: s.keys.analyst })).json()
      expect(byTime.alerts.map((a: any) => a.verdict.id)).toEqual(['page-5', 'page-6', 'page-7'])
      expect((await s.svc.request('/v1/alerts?from=yesterday', { key: s.keys.analyst })).status).toBe(400)
    })

    it('keeps the rule-set version a batch started with', async () => {
      const res = await upload(ndjson(batchLines(10, 'ver')))
      const batch = await res.json()
      const { versions } = await (await s.svc.request('/v1/rulesets', { key: s.keys.analyst })).json()
      expect(batch.ruleset).toBe(versions.find((v: any) => v.active).version)
      const done = await waitForBatch(s.svc, s.keys.screen, batch.id)
      expect(done.ruleset).toBe(batch.ruleset)
    })

    it('refuses a batch over the configured size with 413', async () => {
      const small = new TestService(s.svc.store, { batchBodyLimit: 1000 })
      const res = await upload(ndjson(batchLines(100, 'lim')), { service: small })
      expect(res.status).toBe(413)
      expect((await res.json()).type).toBe('/docs#problem-payload-too-large')
    })

    it('resumes a batch cut off mid-run on a new instance without storing anything twice', async () => {
      const input = batchLines(3000, 'crash', 0)
      // small upload pieces so the run is still going when it is cut off
      const doomed = new TestService(s.svc.store, { uploadChunkBytes: 16 * 1024 }, new DyingTasks(20))
      const res = await upload(ndjson(input), { service: doomed })
      const { id } = await res.json()
      await (doomed.background as DyingTasks).died
      const cut = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
      expect(cut.status).toBe('running')
      expect(cut.counts.records).toBeGreaterThan(0)
      expect(cut.counts.records).toBeLessThan(3000)

      // the next process finds it by its stale heartbeat and screens it again from the stored upload
      const next = dialect === 'pg' ? await TestService.open(s.test.target) : new TestService(s.svc.store)
      const recovered = await recoverStaleBatches(
        { db: next.store.db, rulesets: next.rulesets, config: { ...DEFAULT_CONFIG }, background: next.background },
        0,
      )
      expect(recovered.map((b) => b.id)).toContain(id)
      await next.background.idle()
      const done = await waitForBatch(next, s.keys.screen, id)
      expect(done.error).toBeNull()
      expect(done).toMatchObject({ status: 'completed', counts: { records: 3000 } })
      const out = await lines(await next.request(`/v1/batches/${id}/verdicts`, { key: s.keys.screen }))
      expect(out.map((o) => o.id)).toEqual(input.map((l) => JSON.parse(l).id))
      if (dialect === 'pg') await next.close()
    })

    it('marks a streamed batch cut off mid-run failed, keeping its counts', async () => {
      const encoder = new TextEncoder()
      const input = batchLines(400, 'cut', 0)
      let sent = 0
      let client!: ReadableStreamDefaultController<Uint8Array>
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          client = controller
        },
        pull(controller) {
          if (sent < 200) controller.enqueue(encoder.encode(input.slice(sent, (sent += 20)).join('\n') + '\n'))
          // then the client goes silent: the server is stuck mid-batch, as a killed one would be
        },
      })
      const res = await upload(body, { query: '?stream=true' })
      const id = res.headers.get('x-batch-id')!
      const reader = res.body!.getReader()
      let got = 0
      while (got < 200) {
        const { value } = await reader.read()
        got += new TextDecoder().decode(value).split('\n').filter(Boolean).length
      }
      await waitForBatch(s.svc, s.keys.screen, id, (b) => b.counts.records === 200)
      const recovered = await recoverStaleBatches(
        { db: s.svc.store.db, rulesets: s.svc.rulesets, config: { ...DEFAULT_CONFIG }, background: s.svc.background },
        0,
      )
      expect(recovered.map((b) => b.id)).toContain(id)
      const failed = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'interrupted' }, counts: { records: 200 } })
      const out = await lines(await s.svc.request(`/v1/batches/${id}/verdicts`, { key: s.keys.screen }))
      expect(out).toHaveLength(200)
      client.error(new Error('gone'))
      await reader.cancel().catch(() => {})
      await new Promise((r) => setTimeout(r, 100))
    })
  })
}
