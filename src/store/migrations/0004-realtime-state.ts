import { sql, type Kysely, type Migration } from 'kysely'

// in-memory real-time state: warming up reads entity events by time, pruning deletes them by time, and a
// retried transfer's verdict is found by its id
export const realtimeState: Migration = {
  async up(db: Kysely<any>) {
    await sql`create index entity_events_time on entity_events (occurred_at)`.execute(db)
    await sql`create index verdicts_realtime_record on verdicts (record_id) where batch_id is null`.execute(db)
  },
}
