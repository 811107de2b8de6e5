import { sql, type Kysely, type Migration } from 'kysely'

// an analyst's outcome for an alert or a case; every mark is kept, the latest for a target is the one that counts
export const dispositions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('dispositions')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('tenant', 'text', (c) => c.notNull().defaultTo('default'))
      .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('alert', 'case')`))
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('true_positive', 'false_positive', 'reported')`))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      // what was marked, copied so labels and rule outcomes need no join: its transfers, rules and typologies,
      // and when it alerted
      .addColumn('transfers', 'jsonb', (c) => c.notNull())
      .addColumn('rules', sql`text[]`, (c) => c.notNull())
      .addColumn('typologies', sql`text[]`, (c) => c.notNull())
      .addColumn('alerted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await sql`create index dispositions_target on dispositions (tenant, target_kind, target_id, id)`.execute(db)
    await sql`create index dispositions_alerted on dispositions (tenant, alerted_at)`.execute(db)
  },
}
