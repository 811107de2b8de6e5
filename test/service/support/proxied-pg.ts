import { afterAll, beforeAll } from 'vitest'
import { freshDatabase, type TestDatabase } from './databases.ts'
import { seed, type Keys, type TestService } from './service.ts'
import { TcpProxy } from './tcp-proxy.ts'

export interface ProxiedService {
  /** the database's URL through the proxy */
  url: string
  proxy: TcpProxy
  svc: TestService
  keys: Keys
}

/**
 * For the enclosing describe: a fresh PostgreSQL schema reached through a TCP proxy of this describe's own (so
 * cutting it leaves other test files their PostgreSQL), and a seeded service that `open` makes over the proxy's
 * URL. The fields are filled in beforeAll; afterAll restores the proxy before closing, so the service can finish.
 */
export function useServiceBehindProxy(open: (url: string) => Promise<TestService>): ProxiedService {
  const s = {} as ProxiedService & { test: TestDatabase }
  beforeAll(async () => {
    s.test = await freshDatabase('pg')
    const url = new URL((s.test.target as { url: string }).url)
    s.proxy = new TcpProxy(Number(url.port || 5432))
    await s.proxy.start()
    url.port = String(s.proxy.port)
    s.url = url.toString()
    s.svc = await open(s.url)
    s.keys = await seed(s.svc)
  })
  afterAll(async () => {
    await s.proxy?.start().catch(() => {})
    await s.svc?.close()
    await s.proxy?.stop()
    await s.test?.drop()
  })
  return s
}
