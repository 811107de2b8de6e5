import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService } from './support/service.ts'
import { useServiceBehindProxy } from './support/proxied-pg.ts'
import { TcpProxy } from './support/tcp-proxy.ts'

/**
 * How long a call may take to give up. The deadline (`screenTimeoutMs`, 1000 or 800 ms here) is what answers; a
 * call it failed to cut would wait for the 30 s statement timeout, or for ever on a hung connection. The wide
 * margin over the deadline keeps a loaded test machine from failing a call that did give up in time.
 */
const GAVE_UP_WITHIN_MS = 10_000

// PGlite runs inside the process and cannot be "down"; these tests need a server to lose
describe.runIf(DIALECTS.includes('pg'))('pg: database down', () => {
  const s = useServiceBehindProxy((url) => TestService.open({ kind: 'pg', url }, { screenTimeoutMs: 1000 }))

  it('answers 503 with a problem body at the deadline, and recovers by itself', async () => {
    expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(0, 'DOWN-1', 'X'))).status).toBe(200)
    await s.proxy.stop()

    const started = Date.now()
    const res = await s.svc.post('/v1/screen', s.keys.screen, transfer(1, 'DOWN-1', 'Y'))
    expect(Date.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS)
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.json()).toMatchObject({ type: '/docs#problem-service-unavailable', title: 'Database unavailable', status: 503 })
    const ready = await s.svc.request('/ready')
    expect(ready.status).toBe(503)
    expect((await ready.json()).database).toBe('unreachable')
    expect((await s.svc.request('/health')).status).toBe(200)

    await s.proxy.start()
    // the in-memory state (the default) is built again from the database after a failed write (the old one
    // answers meanwhile)
    await s.svc.live!.start()
    const back = await s.svc.post('/v1/screen', s.keys.screen, transfer(2, 'DOWN-1', 'Z'))
    expect(back.status).toBe(200)
    // the history written before the outage still counts, and the call answered 503 does not
    const verdict = await back.json()
    expect(verdict.decision).toBe('review')
    expect(verdict.hits[0].evidence.value).toBe(2)
  })

  it('answers 503 at the deadline when the database hangs instead of refusing', async () => {
    const impatient = await TestService.open({ kind: 'pg', url: s.url }, { screenTimeoutMs: 800 })
    try {
      expect((await impatient.post('/v1/screen', s.keys.screen, transfer(10, 'HANG-1', 'X'))).status).toBe(200)
      s.proxy.hang()
      const started = Date.now()
      const res = await impatient.post('/v1/screen', s.keys.screen, transfer(11, 'HANG-1', 'Y'))
      expect(Date.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS)
      expect(res.status).toBe(503)
      expect((await res.json()).type).toBe('/docs#problem-service-unavailable')
    } finally {
      await s.proxy.stop()
      await s.proxy.start()
      await impatient.close()
    }
  })

  it('answers 503 at once when the database port is closed from the start', async () => {
    const closed = new TcpProxy(5432)
    await closed.start()
    const port = closed.port
    await closed.stop()
    const store = await openDatabase({ kind: 'pg', url: `postgres://postgres@127.0.0.1:${port}/test` }, { migrate: false })
    const dead = new TestService(store)
    try {
      const started = Date.now()
      const res = await dead.post('/v1/screen', s.keys.screen, transfer(0, 'A', 'B'))
      expect(Date.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS)
      expect(res.status).toBe(503)
      expect((await res.json()).type).toBe('/docs#problem-service-unavailable')
    } finally {
      await dead.close()
    }
  })
})
