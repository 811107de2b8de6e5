import { sql, type Kysely, type Migration } from 'kysely'

// The alerts feed reads in the order transactions began writing (tx, then row id) and only rows whose
// transaction is older than every one still running: a row id taken by a transaction that commits late can
// then never fall behind a cursor already handed out. Existing rows get this migration's transaction id.
export const alertFeed: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table verdicts add column tx xid8 not null default pg_current_xact_id()`.execute(db)
    await sql`create index verdicts_alert_feed on verdicts (tenant, tx, id) where decision in ('review', 'block')`.execute(db)
  },
}
