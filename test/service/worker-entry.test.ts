import { PGlite } from '@electric-sql/pglite'
import { Kysely, type LogEvent } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import type { Env } from '../../src/adapters/workers/config.ts'
import { workerEntry } from '../../src/adapters/workers/entry.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import type { Db } from '../../src/store/db.ts'
import { createPgPool, pgDialect } from '../../src/store/dialects/pg.ts'
import { pgliteDialect } from '../../src/store/dialects/pglite.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'

// the Worker's own handlers, run on Node over a real database opened per request as Hyperdrive's is
for (const dialect of DIALECTS) {
  describe(`${dialect}: the Worker entry`, () => {
    let test: TestDatabase
    let pglite: PGlite | undefined
    let key = ''
    let keyLookups = 0

    // every statement that reads the API-key table is a key lookup
    const log = (event: LogEvent) => {
      if (/\bfrom "api_keys"/.test(event.query.sql)) keyLookups++
    }
    const openDb = (): Db =>
      test.target.kind === 'pg'
        ? new Kysely({ dialect: pgDialect(createPgPool({ connectionString: test.target.url, max: 1 })), log })
        : new Kysely({ dialect: pgliteDialect(pglite!), log })

    beforeAll(async () => {
      test = await freshDatabase(dialect)
      const store = await openDatabase(test.target)
      key = (await createApiKey(store.db, { role: 'screen', name: 'worker entry' })).key
      await store.close()
      if (test.target.kind === 'pglite') pglite = await PGlite.create(test.target.dataDir)
    })
    afterAll(async () => {
      await pglite?.close()
      await test?.drop()
    })

    it('builds its app once, so a key used twice is looked up once', async () => {
      const worker = workerEntry(openDb)
      const env = { HYPERDRIVE: { connectionString: 'unused: the test opens the database' }, TXSCREEN_SCREEN_TIMEOUT_MS: '15000' } satisfies Env
      const screen = async (from: string) => {
        const pending: Promise<unknown>[] = []
        const res = await worker.fetch(
          new Request('http://worker/v1/screen', {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(transfer(0, from, 'WORKER-B')),
          }),
          env,
          { waitUntil: (p) => void pending.push(p) },
        )
        const verdict = (await res.json()) as { decision: string }
        // the request's database is closed once the answer is sent
        await Promise.all(pending)
        return { status: res.status, verdict }
      }

      keyLookups = 0
      const first = await screen('WORKER-A1')
      const second = await screen('WORKER-A2')
      expect([first.status, second.status]).toEqual([200, 200])
      expect(first.verdict.decision).toBe('clear')
      expect(keyLookups).toBe(1)
    }, 60_000)
  })
}
