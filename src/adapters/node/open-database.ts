import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { holdDataDir } from './key-inbox.ts'
import { migrateToLatest } from '../../store/migrations/index.ts'
import { createPgPool, pgDialect } from '../../store/dialects/pg.ts'
import { pgliteDialect } from '../../store/dialects/pglite.ts'
import type { Db } from '../../store/db.ts'

export type DatabaseTarget = { kind: 'pg'; url: string } | { kind: 'pglite'; dataDir: string }

export interface OpenDatabase {
  db: Db
  target: DatabaseTarget
  close(): Promise<void>
}

/** DATABASE_URL selects PostgreSQL; otherwise PGlite in TXSCREEN_DATA_DIR (default ./data). */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'pg', url: env.DATABASE_URL }
  return { kind: 'pglite', dataDir: env.TXSCREEN_DATA_DIR || './data' }
}

/** Opens the store and applies pending migrations before anything else touches it. */
export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  const opened = target.kind === 'pg' ? openPg(target.url) : await openPglite(target.dataDir)
  if (options.migrate !== false) {
    try {
      await migrateToLatest(opened.db)
    } catch (err) {
      await opened.close()
      throw err
    }
  }
  return { ...opened, target }
}

function openPg(url: string): Omit<OpenDatabase, 'target'> {
  const pool = createPgPool({ connectionString: url })
  const db: Db = new Kysely({ dialect: pgDialect(pool) })
  // kysely's destroy ends the pool
  return { db, close: () => db.destroy() }
}

async function openPglite(dataDir: string): Promise<Omit<OpenDatabase, 'target'>> {
  await mkdir(dataDir, { recursive: true })
  // two processes on one PGlite folder would corrupt it: claim it first, or fail saying who has it
  const release = await holdDataDir(dataDir)
  try {
    const pglite = await PGlite.create(dataDir)
    const db: Db = new Kysely({ dialect: pgliteDialect(pglite) })
    return {
      db,
      close: async () => {
        await db.destroy()
        await pglite.close()
        await release()
      },
    }
  } catch (err) {
    await release()
    throw err
  }
}
