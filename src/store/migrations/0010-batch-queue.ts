import { sql, type Kysely, type Migration } from 'kysely'

// The batch queue takes the oldest queued batch, and an upload first counts its key's unfinished batches: both
// read the few unfinished rows of a table that keeps every batch ever run, so the indexes hold only those.
export const batchQueue: Migration = {
  async up(db: Kysely<any>) {
    await sql`create index batches_queued on batches (created_at, id) where status = 'queued'`.execute(db)
    await sql`create index batches_unfinished_by_creator on batches (created_by) where status in ('receiving', 'queued', 'running')`.execute(db)
  },
}
