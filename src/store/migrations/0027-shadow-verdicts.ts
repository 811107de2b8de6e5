import { sql, type Kysely, type Migration } from 'kysely'

// verdicts of a shadow rule set, kept apart from `verdicts`: never an alert, a case or an answer
export const shadowVerdicts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('shadow_verdicts')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      // one run of a shadow (POST /v1/rulesets/{version}/shadow), and the version it ran
      .addColumn('shadow_id', 'text', (c) => c.notNull())
      .addColumn('ruleset', 'text', (c) => c.notNull())
      .addColumn('active_ruleset', 'text', (c) => c.notNull())
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text')
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('active_decision', 'text', (c) => c.notNull())
      .addColumn('active_score', 'integer', (c) => c.notNull())
      .addColumn('output', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await sql`create index shadow_verdicts_run on shadow_verdicts (shadow_id, tenant, id)`.execute(db)
  },
}
