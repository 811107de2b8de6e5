import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/adapters/node/open-database.ts'
import { createApiKey, findApiKey, revokeApiKey } from '../../src/store/api-keys.ts'
import { insertVerdicts, batchOutputsPage, type VerdictRow } from '../../src/store/verdicts.ts'
import { createBatch } from '../../src/store/batches.ts'
import { saveRulesetVersion } from '../../src/store/rulesets.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'

for (const dialect of DIALECTS) {
  describe(`${dialect}: store`, () => {
    let test: TestDatabase
    let store: OpenDatabase

    beforeAll(async () => {
      test = await freshDatabase(dialect)
      store = await openDatabase(test.target)
    })
    afterAll(async () => {
      await store?.close()
      await test?.drop()
    })

    it('keeps only a hash of an API key and finds the key by its secret until revoked', async () => {
      const { key, info } = await createApiKey(store.db, { role: 'analyst', name: 'ana' })
      expect(key.startsWith(info.prefix + '_')).toBe(true)
      const stored = await store.db.selectFrom('api_keys').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow()
      expect(JSON.stringify(stored)).not.toContain(key.slice(info.prefix.length + 1))
      expect((await findApiKey(store.db, key))?.role).toBe('analyst')
      expect(await findApiKey(store.db, key + 'x')).toBeUndefined()
      expect(await revokeApiKey(store.db, info.id)).toBe(true)
      expect(await findApiKey(store.db, key)).toBeUndefined()
    })

    it('stores a verdict once per (batch, seq) even when written twice', async () => {
      await saveRulesetVersion(store.db, { version: 'v-test', files: [], maxWindowMs: 1000, createdBy: null })
      const { batch } = await createBatch(store.db, {
        id: 'b-dup', format: 'ndjson', mode: 'async', ruleset: 'v-test', idempotencyKey: null, createdBy: null, ownerKey: 'k-test', tenant: 'default',
      })
      const rows: VerdictRow[] = Array.from({ length: 1200 }, (_, i) => ({
        batchId: batch.id, seq: i, line: i + 1, recordId: `r${i}`, decision: 'clear', score: 0, ruleset: 'v-test',
        output: { id: `r${i}` }, rules: [], typologies: [], entities: ['party:A'], occurredAt: '2026-01-01T00:00:00Z', tenant: 'default', keyId: null,
      }))
      await insertVerdicts(store.db, rows.slice(0, 700))
      await insertVerdicts(store.db, rows)
      const count = await store.db.selectFrom('verdicts').select((eb) => eb.fn.countAll<string>().as('n')).where('batch_id', '=', batch.id).executeTakeFirstOrThrow()
      expect(Number(count.n)).toBe(1200)
      const page = await batchOutputsPage(store.db, batch.id, { afterSeq: 9, limit: 3 })
      expect(page.map((p) => p.seq)).toEqual([10, 11, 12])
    })

    it('rolls back a failed transaction without touching one running beside it', async () => {
      const failing = store.db.transaction().execute(async (tx) => {
        await tx.insertInto('audit_log').values({ actor: 'a', action: 'doomed', target: 't', details: '{}' }).execute()
        await new Promise((r) => setTimeout(r, 20))
        throw new Error('boom')
      })
      const passing = store.db.transaction().execute(async (tx) => {
        await tx.insertInto('audit_log').values({ actor: 'a', action: 'kept', target: 't', details: '{}' }).execute()
      })
      await expect(failing).rejects.toThrow('boom')
      await passing
      const actions = (await store.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action)
      expect(actions).toContain('kept')
      expect(actions).not.toContain('doomed')
    })
  })
}
