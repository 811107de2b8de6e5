import { sql, type Kysely, type Migration } from 'kysely'

// A real-time transfer is stored once under each of its keys: a unique key on (event_id, key) holds that in the
// database, whatever a process does, and serves the look-up of a transfer by its id (retries, reused ids).
export const transferIds: Migration = {
  async up(db: Kysely<any>) {
    await sql`delete from entity_events a using entity_events b where a.event_id = b.event_id and a.key = b.key and a.id > b.id`.execute(db)
    await sql`create unique index entity_events_event_key on entity_events (event_id, key)`.execute(db)
  },
}
