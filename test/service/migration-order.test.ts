import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migrateToLatest, migrations } from '../../src/store/migrations/index.ts'
import { DIALECTS, freshDatabase } from './support/databases.ts'

describe.skipIf(!DIALECTS.includes('pg'))('migrations merged out of number order', () => {
  it('runs a lower-numbered migration that arrives after higher ones have run', async () => {
    const test = await freshDatabase('pg')
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: (test.target as { url: string }).url, max: 1 }) }) })
    try {
      const names = Object.keys(migrations)
      const late = names.filter((n) => n >= '0008' && n < '0010')
      expect(late.length).toBeGreaterThan(0)
      const early = Object.fromEntries(Object.entries(migrations).filter(([n]) => !late.includes(n)))
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db)
      const first = await new Migrator({ db, provider: { getMigrations: async () => early }, migrationTableSchema: rows[0]!.s }).migrateToLatest()
      expect(first.error).toBeUndefined()
      await migrateToLatest(db)
      const done = await db.selectFrom('kysely_migration').select('name').execute()
      expect(done.map((r) => r.name).sort()).toEqual(names.sort())
    } finally {
      await db.destroy()
      await test.drop()
    }
  })
})
