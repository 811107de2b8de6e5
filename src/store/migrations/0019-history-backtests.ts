import { sql, type Kysely, type Migration } from 'kysely'

// the history backtests replay: every screened record (real time and batches) of a tenant, kept for
// TXSCREEN_HISTORY_RETENTION_DAYS after it was screened; and the backtests themselves, background jobs like batches
export const historyBacktests: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('screened_records')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('tenant', 'text', (c) => c.notNull())
      // 'realtime', or the batch's id
      .addColumn('source', 'text', (c) => c.notNull())
      // the record's position in its batch; null in real time
      .addColumn('seq', 'integer')
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('record', 'jsonb', (c) => c.notNull())
      .addColumn('screened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    // replay in time order per tenant; pruning by age; a batch screened again from the start drops its rows first
    await sql`create index screened_records_replay on screened_records (tenant, occurred_at, id)`.execute(db)
    await sql`create index screened_records_age on screened_records (screened_at)`.execute(db)
    await sql`create index screened_records_batch on screened_records (source, seq) where seq is not null`.execute(db)

    await db.schema
      .createTable('backtests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
      .addColumn('base', 'text', (c) => c.notNull())
      .addColumn('candidate', 'text', (c) => c.notNull())
      .addColumn('params', 'jsonb', (c) => c.notNull())
      .addColumn('progress', 'jsonb', (c) => c.notNull())
      // json, not jsonb: the report keeps the key order txscreen rules diff --json prints
      .addColumn('report', 'json')
      .addColumn('error', 'jsonb')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('heartbeat_at', 'timestamptz')
      .execute()
    await sql`create index backtests_tenant on backtests (tenant, created_at)`.execute(db)
  },
}
