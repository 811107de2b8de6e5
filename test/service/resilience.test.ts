import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService, seed, type Keys } from './support/service.ts'
import { TcpProxy } from './support/tcp-proxy.ts'

// PGlite runs inside the process and cannot be "down"; these tests need a server to lose
describe.runIf(DIALECTS.includes('pg'))('pg: database down', () => {
  let test: TestDatabase
  let proxy: TcpProxy
  let svc: TestService
  let keys: Keys

  beforeAll(async () => {
    test = await freshDatabase('pg')
    const url = new URL((test.target as { url: string }).url)
    proxy = new TcpProxy(Number(url.port || 5432))
    await proxy.start()
    url.port = String(proxy.port)
    svc = await TestService.open({ kind: 'pg', url: url.toString() }, { screenTimeoutMs: 1000 })
    keys = await seed(svc)
  })
  afterAll(async () => {
    await proxy?.start().catch(() => {})
    await svc?.close()
    await proxy?.stop()
    await test?.drop()
  })

  it('answers 503 with a problem body within a second, and recovers by itself', async () => {
    expect((await svc.post('/v1/screen', keys.screen, transfer(0, 'DOWN-1', 'X'))).status).toBe(200)
    await proxy.stop()

    const started = Date.now()
    const res = await svc.post('/v1/screen', keys.screen, transfer(1, 'DOWN-1', 'Y'))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.json()).toMatchObject({ type: '/docs#problem-service-unavailable', title: 'Database unavailable', status: 503 })
    const ready = await svc.request('/ready')
    expect(ready.status).toBe(503)
    expect((await ready.json()).database).toBe('unreachable')
    expect((await svc.request('/health')).status).toBe(200)

    await proxy.start()
    // the in-memory state (the default) is built again from the database after a failed write (the old one
    // answers meanwhile)
    await svc.live!.start()
    const back = await svc.post('/v1/screen', keys.screen, transfer(2, 'DOWN-1', 'Z'))
    expect(back.status).toBe(200)
    // the history written before the outage still counts, and the call answered 503 does not
    const verdict = await back.json()
    expect(verdict.decision).toBe('review')
    expect(verdict.hits[0].evidence.value).toBe(2)
  })

  it('answers 503 within a second when the database hangs instead of refusing', async () => {
    const url = new URL((test.target as { url: string }).url)
    url.port = String(proxy.port)
    const impatient = await TestService.open({ kind: 'pg', url: url.toString() }, { screenTimeoutMs: 800 })
    try {
      expect((await impatient.post('/v1/screen', keys.screen, transfer(10, 'HANG-1', 'X'))).status).toBe(200)
      proxy.hang()
      const started = Date.now()
      const res = await impatient.post('/v1/screen', keys.screen, transfer(11, 'HANG-1', 'Y'))
      expect(Date.now() - started).toBeLessThan(1000)
      expect(res.status).toBe(503)
      expect((await res.json()).type).toBe('/docs#problem-service-unavailable')
    } finally {
      await proxy.stop()
      await proxy.start()
      await impatient.close()
    }
  })

  it('answers 503 within a second when the database port is closed from the start', async () => {
    const closed = new TcpProxy(5432)
    await closed.start()
    const port = closed.port
    await closed.stop()
    const store = await openDatabase({ kind: 'pg', url: `postgres://postgres@127.0.0.1:${port}/test` }, { migrate: false })
    const dead = new TestService(store)
    try {
      const started = Date.now()
      const res = await dead.post('/v1/screen', keys.screen, transfer(0, 'A', 'B'))
      expect(Date.now() - started).toBeLessThan(1000)
      expect(res.status).toBe(503)
      expect((await res.json()).type).toBe('/docs#problem-service-unavailable')
    } finally {
      await dead.close()
    }
  })
})
