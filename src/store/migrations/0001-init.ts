import { sql, type Kysely, type Migration } from 'kysely'

// schema v1; `any` because a migration describes the database as it was, not as schema.ts says it is now
export const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ruleset_versions')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('files', 'jsonb', (c) => c.notNull())
      .addColumn('max_window_ms', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('created_by', 'text')
      .execute()

    await db.schema
      .createTable('active_ruleset')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('version', 'text', (c) => c.notNull().references('ruleset_versions.version'))
      .addColumn('activated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('activated_by', 'text')
      .execute()

    await db.schema
      .createTable('batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('ruleset', 'text', (c) => c.notNull().references('ruleset_versions.version'))
      .addColumn('idempotency_key', 'text', (c) => c.unique())
      .addColumn('created_by', 'text')
      .addColumn('upload_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('upload_chunks', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('counts', 'jsonb', (c) => c.notNull())
      .addColumn('error', 'jsonb')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('heartbeat_at', 'timestamptz')
      .execute()

    await db.schema
      .createTable('batch_uploads')
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', 'bytea', (c) => c.notNull())
      .addPrimaryKeyConstraint('batch_uploads_pk', ['batch_id', 'seq'])
      .execute()

    await db.schema
      .createTable('verdicts')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('batch_id', 'text', (c) => c.references('batches.id').onDelete('cascade'))
      .addColumn('seq', 'integer')
      .addColumn('line', 'integer')
      .addColumn('record_id', 'text')
      .addColumn('decision', 'text')
      .addColumn('score', 'double precision')
      .addColumn('ruleset', 'text', (c) => c.notNull())
      .addColumn('output', 'jsonb', (c) => c.notNull())
      .addColumn('rules', sql`text[]`, (c) => c.notNull())
      .addColumn('typologies', sql`text[]`, (c) => c.notNull())
      .addColumn('entities', sql`text[]`, (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      // a verdict is never stored twice, even when a batch is resumed
      .addUniqueConstraint('verdicts_batch_seq', ['batch_id', 'seq'])
      .execute()
    await sql`create index verdicts_alerts on verdicts (id) where decision in ('review', 'block')`.execute(db)
    await sql`create index verdicts_rules on verdicts using gin (rules)`.execute(db)
    await sql`create index verdicts_typologies on verdicts using gin (typologies)`.execute(db)
    await sql`create index verdicts_entities on verdicts using gin (entities)`.execute(db)

    await db.schema
      .createTable('cases')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('rules', sql`text[]`, (c) => c.notNull())
      .addColumn('score', 'double precision', (c) => c.notNull())
      .addColumn('transfers', 'jsonb', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addUniqueConstraint('cases_batch_entity', ['batch_id', 'entity'])
      .execute()

    await db.schema
      .createTable('entity_events')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('record', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema.createIndex('entity_events_key_time').on('entity_events').columns(['key', 'occurred_at']).execute()

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('created_by', 'text')
      .addColumn('revoked_at', 'timestamptz')
      .execute()

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('details', 'jsonb', (c) => c.notNull())
      .execute()
  },
}
