import { sql, type Kysely, type Migration } from 'kysely'

// cases carry what analysts triage by: typologies, how many alerts, the worst score and decision
export const caseDetail: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table cases
      add column typologies text[] not null default '{}',
      add column alerts integer not null default 0,
      add column max_score double precision not null default 0,
      add column decision text not null default 'review'`.execute(db)
  },
}
