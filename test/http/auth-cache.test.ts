import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/adapters/node/open-database.ts'
import { ManualClock } from '../../src/core/index.ts'
import { ApiKeyCache, authenticateNow, ConnectionKeyMemo } from '../../src/http/auth.ts'
import { createApiKey, revokeApiKey } from '../../src/store/api-keys.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from '../service/support/databases.ts'
import { transfer } from '../service/support/rules.ts'
import { TestService, seed } from '../service/support/service.ts'

describe('API keys remembered in memory', () => {
  let test: TestDatabase
  let store: OpenDatabase

  beforeAll(async () => {
    test = await freshDatabase('pglite')
    store = await openDatabase(test.target)
  })
  afterAll(async () => {
    await store?.close()
    await test?.drop()
  })

  it('answers from memory within the TTL, and asks the database again once it is over or invalidated', async () => {
    const { key, info } = await createApiKey(store.db, { role: 'screen' })
    const clock = new ManualClock(Date.parse('2026-03-01T10:00:00Z'))
    const cache = new ApiKeyCache({ ttlMs: 60_000, clock })
    expect((await cache.find(store.db, key))?.id).toBe(info.id)
    // revoked behind the cache's back (another process): still known here until the TTL or an invalidation
    await revokeApiKey(store.db, info.id)
    expect((await cache.find(store.db, key))?.id).toBe(info.id)
    cache.invalidate()
    expect(await cache.find(store.db, key)).toBeUndefined()

    const other = await createApiKey(store.db, { role: 'screen' })
    expect(await cache.find(store.db, other.key)).toBeDefined()
    await revokeApiKey(store.db, other.info.id)
    clock.advance(59_999)
    expect((await cache.find(store.db, other.key))?.id).toBe(other.info.id)
    clock.advance(1)
    expect(await cache.find(store.db, other.key)).toBeUndefined()
  })

  it('a connection remembers the hash of the header it last presented, never the key found by it', async () => {
    const cache = new ApiKeyCache({ ttlMs: 60_000 })
    const memo = new ConnectionKeyMemo()
    const auth = async (header: string | undefined, allowed: readonly ('screen' | 'analyst')[] = ['screen']) => {
      try {
        return await authenticateNow(store.db, cache, header, allowed, '/v1/screen', memo)
      } catch (err) {
        return (err as { status: number }).status
      }
    }
    const a = await createApiKey(store.db, { role: 'screen' })
    const b = await createApiKey(store.db, { role: 'analyst' })
    expect(await auth(`Bearer ${a.key}`)).toMatchObject({ keyId: a.info.id, role: 'screen' })
    expect(await auth(`Bearer ${a.key}`)).toMatchObject({ keyId: a.info.id })
    // another key on the same connection (a proxy's pooled connection carries many callers): that key's rights
    expect(await auth(`Bearer ${b.key}`)).toBe(403)
    expect(await auth(`Bearer ${b.key}`, ['analyst'])).toMatchObject({ keyId: b.info.id, role: 'analyst' })
    // one character off the remembered header is another key
    expect(await auth(`Bearer ${b.key.slice(0, -1)}${b.key.endsWith('0') ? '1' : '0'}`, ['analyst'])).toBe(401)
    expect(await auth(`Bearer ${a.key}`)).toMatchObject({ keyId: a.info.id })
    expect(await auth(undefined)).toBe(401)
    expect(await auth(`Bearer ${a.key}`)).toMatchObject({ keyId: a.info.id })
    // revoked through this process: refused at once on the connection that just used it
    await revokeApiKey(store.db, a.info.id)
    cache.invalidate()
    expect(await auth(`Bearer ${a.key}`)).toBe(401)
    expect(await auth(`Bearer ${a.key}`)).toBe(401)
  })

  it('never remembers an unknown key, so a key created elsewhere works at once', async () => {
    const cache = new ApiKeyCache({ ttlMs: 60_000 })
    expect(await cache.find(store.db, 'txs_0000_unknown')).toBeUndefined()
    expect(cache.find(store.db, 'not-a-key')).toBeUndefined()
    const { key } = await createApiKey(store.db, { role: 'analyst' })
    expect((await cache.find(store.db, key))?.role).toBe('analyst')
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: a key revoked through the API`, () => {
    let test: TestDatabase
    let svc: TestService

    beforeAll(async () => {
      test = await freshDatabase(dialect)
      svc = await TestService.open(test.target)
    })
    afterAll(async () => {
      await svc?.close()
      await test?.drop()
    })

    it('stops working in the same process at once, although it was just used', async () => {
      const keys = await seed(svc)
      const made = await (await svc.post('/v1/keys', keys.admin, { role: 'screen', name: 'teller 2' })).json()
      for (let i = 0; i < 3; i++) expect((await svc.post('/v1/screen', made.key, transfer(i, 'REVOKE-1', 'X'))).status).toBe(200)
      expect((await svc.request(`/v1/keys/${made.id}`, { method: 'DELETE', key: keys.admin })).status).toBe(204)
      const refused = await svc.post('/v1/screen', made.key, transfer(5, 'REVOKE-1', 'X'))
      expect(refused.status).toBe(401)
      expect((await svc.request('/v1/keys', { key: keys.admin })).status).toBe(200)
    })
  })
}
