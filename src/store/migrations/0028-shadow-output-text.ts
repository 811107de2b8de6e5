import { sql, type Kysely, type Migration } from 'kysely'

// a shadow verdict's `output` is the verdict's JSON as text: PostgreSQL stores it as it comes rather than parse it
// into jsonb, which was most of the database's CPU a kept row (BENCHMARKS.md "shadow25"); nothing queries inside
// it, and `::jsonb` reads it as before
export const shadowOutputText: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table shadow_verdicts alter column output type text using output::text`.execute(db)
  },
}
