import { sql, type Kysely, type Migration } from 'kysely'

// real-time alerts are rolled up into cases too: such a case has no batch; the roll-up's place in the
// verdicts is one row, and the evidence records of real-time cases are kept apart from batches'
export const realtimeCases: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table cases alter column batch_id drop not null`.execute(db)
    await sql`create index cases_realtime_entity on cases (entity, last_seen) where batch_id is null`.execute(db)
    // the roll-up reads real-time alerts alone, past any number of batch verdicts
    await sql`create index verdicts_realtime_alerts on verdicts (id) where batch_id is null and decision in ('review', 'block')`.execute(db)
    await db.schema
      .createTable('realtime_case_progress')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('last_verdict', 'bigint', (c) => c.notNull())
      .execute()
    await sql`insert into realtime_case_progress (id, last_verdict) values (1, 0)`.execute(db)
    await db.schema
      .createTable('realtime_evidence_records')
      .addColumn('record_id', 'text', (c) => c.primaryKey())
      .addColumn('record', 'jsonb', (c) => c.notNull())
      .addColumn('keep_until', 'timestamptz', (c) => c.notNull())
      .execute()
    await sql`create index realtime_evidence_records_keep_until on realtime_evidence_records (keep_until)`.execute(db)
  },
}
