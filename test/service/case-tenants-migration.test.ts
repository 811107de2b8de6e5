import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { pgliteDialect } from '../../src/store/dialects/pglite.ts'
import { migrateToLatest, migrationsUpTo } from '../../src/store/migrations/index.ts'

// migration 0018 on a database that has cases already: each takes its batch's tenant, or its first alert's
describe('migration 0018: case tenants', () => {
  it('gives stored cases and real-time evidence records the tenant of their batch or verdicts', async () => {
    const db = new Kysely<any>({ dialect: pgliteDialect(new PGlite()) })
    try {
      const before = migrationsUpTo('0017-dispositions')
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest()
      expect(error).toBeUndefined()
      // rows as the service leaves them, without the rule set they reference
      await sql`set session_replication_role = replica`.execute(db)
      await sql`insert into batches (id, status, format, mode, ruleset, counts, owner_key, tenant) values ('b1', 'completed', 'ndjson', 'async', 'v', '{}', 'k', 'north')`.execute(db)
      await sql`insert into verdicts (batch_id, record_id, decision, ruleset, output, rules, typologies, entities, tenant) values (null, 'rt1', 'review', 'v', '{}', '{}', '{}', '{}', 'south')`.execute(db)
      const kase = (id: string, batch: string | null, first: string) =>
        sql`insert into cases (case_id, batch_id, entity, rules, typologies, alerts, score, max_score, decision, transfers, evidence, first_seen, last_seen)
            values (${id}, ${batch}, 'id:A', '{}', '{}', 1, 50, 50, 'review', ${JSON.stringify([first])}, '[]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(db)
      await kase('c_1', 'b1', 'x1')
      await kase('c_2', null, 'rt1')
      await kase('c_3', null, 'gone')
      await sql`insert into realtime_evidence_records (record_id, record, keep_until) values ('rt1', '{}', now())`.execute(db)
      await migrateToLatest(db)
      const cases = await sql<{ case_id: string; tenant: string }>`select case_id, tenant from cases order by case_id`.execute(db)
      expect(cases.rows).toEqual([{ case_id: 'c_1', tenant: 'north' }, { case_id: 'c_2', tenant: 'south' }, { case_id: 'c_3', tenant: 'default' }])
      const kept = await sql<{ tenant: string }>`select tenant from realtime_evidence_records`.execute(db)
      expect(kept.rows).toEqual([{ tenant: 'south' }])
      // one record id may now be kept for two tenants
      await sql`insert into realtime_evidence_records (tenant, record_id, record, keep_until) values ('north', 'rt1', '{}', now())`.execute(db)
    } finally {
      await db.destroy()
    }
  })
})
