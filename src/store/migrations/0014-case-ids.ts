import { sql, type Kysely, type Migration } from 'kysely'

// cases are addressed by their stable id (GET /v1/cases/{id}) and keep every evidence transfer's id; cases
// stored before ids existed get one made from their row id
export const caseIds: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table cases add column case_id text, add column evidence jsonb not null default '[]'`.execute(db)
    await sql`update cases set case_id = 'c_' || lpad(to_hex(id), 16, '0'), evidence = transfers where case_id is null`.execute(db)
    await sql`alter table cases alter column case_id set not null`.execute(db)
    await sql`create unique index cases_case_id on cases (case_id)`.execute(db)
  },
}
