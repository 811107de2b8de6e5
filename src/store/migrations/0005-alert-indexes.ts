import { sql, type Kysely, type Migration } from 'kysely'

// The rule, typology and entity indexes serve GET /v1/alerts only, which reads review and block verdicts
// alone: as partial indexes they spare clear verdicts (most of them, and every one is stored with
// TXSCREEN_STORE_VERDICTS=all) three GIN insertions each and the pending-list merges that slow writes down.
export const alertIndexes: Migration = {
  async up(db: Kysely<any>) {
    for (const column of ['rules', 'typologies', 'entities']) {
      await sql.raw(`drop index if exists verdicts_${column}`).execute(db)
      await sql.raw(`create index verdicts_${column} on verdicts using gin (${column}) where decision in ('review', 'block')`).execute(db)
    }
  },
}
