import { sql, type Kysely, type Migration } from 'kysely'

// uploads are NDJSON or CSV text, and PGlite moves text much faster than bytea
export const uploadText: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table batch_uploads alter column data type text using convert_from(data, 'UTF8')`.execute(db)
  },
}
