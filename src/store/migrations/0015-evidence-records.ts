import { sql, type Kysely, type Migration } from 'kysely'

// the records a batch's cases name in their evidence, kept after the upload is dropped so that a case can be
// reported weeks later; each row goes when its retention ends
export const evidenceRecords: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('evidence_records')
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('record', 'jsonb', (c) => c.notNull())
      .addColumn('keep_until', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('evidence_records_pk', ['batch_id', 'record_id'])
      .execute()
    await sql`create index evidence_records_keep_until on evidence_records (keep_until)`.execute(db)
  },
}
