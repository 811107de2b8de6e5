import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configFromEnv } from '../../src/adapters/node/config.ts'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { startService, type RunningService } from '../../src/adapters/node/service.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { freshDatabase, type TestDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]))
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3])
  }
  return undefined
}

describe('structured logs and metrics of the Node server', () => {
  let test: TestDatabase
  let service: RunningService
  let base: string
  let keys: { admin: string; screen: string }
  const logs: Record<string, unknown>[] = []

  beforeAll(async () => {
    test = await freshDatabase('pglite')
    const store = await openDatabase(test.target)
    keys = {
      admin: (await createApiKey(store.db, { role: 'admin', name: 'ops' })).key,
      screen: (await createApiKey(store.db, { role: 'screen', name: 'teller' })).key,
    }
    const logStream = new PassThrough()
    let rest = ''
    logStream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n')
      rest = parts.pop()!
      for (const line of parts) if (line) logs.push(JSON.parse(line))
    })
    service = await startService(store, { ...configFromEnv({}), port: 0, host: '127.0.0.1' }, { logStream })
    base = `http://127.0.0.1:${service.port}`
    await service.realtime?.start?.()
  })
  afterAll(async () => {
    await service?.stop()
    await test?.drop()
  })

  const screen = (body: unknown) =>
    fetch(`${base}/v1/screen`, { method: 'POST', headers: { authorization: `Bearer ${keys.screen}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('writes JSON log lines, and names each request by an id it also answers with', async () => {
    const res = await fetch(`${base}/v1/batches/b_missing`, { headers: { authorization: `Bearer ${keys.screen}`, 'x-request-id': 'probe-1' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('x-request-id')).toBe('probe-1')
    const generated = await fetch(`${base}/health`)
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{8,}$/)
    await new Promise((r) => setTimeout(r, 50))
    expect(logs.length).toBeGreaterThan(0)
    expect(logs.every((l) => typeof l.msg === 'string' && typeof l.level === 'number' && typeof l.time === 'number')).toBe(true)
    expect(logs.find((l) => l.reqId === 'probe-1')).toMatchObject({ method: 'GET', route: '/v1/batches/:id', status: 404 })
  })

  it('exposes Prometheus metrics to admin keys: latency by route, decisions, queue, flushes, state, refusals', async () => {
    for (const [i, to] of ['X', 'Y'].entries()) expect((await screen(transfer(i, 'METRIC-1', to))).status).toBe(200)
    expect((await fetch(`${base}/metrics`)).status).toBe(401)
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${keys.screen}` } })).status).toBe(403)
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${keys.admin}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await res.text()
    expect(sample(text, 'txscreen_http_request_duration_seconds_count', { route: '/v1/screen', method: 'POST', status: '200' })).toBe(2)
    expect(sample(text, 'txscreen_http_request_duration_seconds_count', { route: '/v1/batches/:id', status: '404' })).toBeGreaterThanOrEqual(1)
    const decided = ['clear', 'review', 'block'].map((d) => sample(text, 'txscreen_decisions_total', { source: 'realtime', decision: d }) ?? 0)
    expect(decided.reduce((a, b) => a + b, 0)).toBe(2)
    expect(sample(text, 'txscreen_batch_queue_depth')).toBe(0)
    expect(sample(text, 'txscreen_batches_running')).toBe(0)
    expect(sample(text, 'txscreen_realtime_flush_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'txscreen_realtime_state_transfers')).toBeGreaterThanOrEqual(2)
    expect(sample(text, 'txscreen_rate_limited_total', { kind: 'screen' })).toBe(0)
  })
})
