import { sql, type Kysely, type Migration } from 'kysely'

// Who owns what: keys carry a tenant and may expire; a batch belongs to the key that uploaded it (and its
// tenant), its Idempotency-Key is unique per key, not across keys, and a fingerprint of the upload tells a
// true retry from a different body; verdicts carry the tenant and, in real time, the key that asked.
export const owners: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table api_keys
      add column tenant text not null default 'default',
      add column expires_at timestamptz`.execute(db)
    await sql`alter table batches
      add column owner_key text,
      add column tenant text not null default 'default',
      add column fingerprint text`.execute(db)
    // batches made before owners were kept: the key id is in created_by ("key:ID (name)")
    await sql`update batches set owner_key = substring(created_by from '^key:([^ ]+)') where created_by like 'key:%'`.execute(db)
    await sql`alter table batches drop constraint if exists batches_idempotency_key_key`.execute(db)
    await sql`create unique index batches_owner_idempotency on batches (owner_key, idempotency_key)`.execute(db)
    await sql`alter table verdicts
      add column tenant text not null default 'default',
      add column key_id text`.execute(db)
  },
}
