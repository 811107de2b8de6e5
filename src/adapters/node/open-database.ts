import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { holdDataDir } from './key-inbox.ts'
import { migrateToLatest } from '../../store/migrations/index.ts'
import { createPgPool, pgDialect } from '../../store/dialects/pg.ts'
import { pgliteDialect } from '../../store/dialects/pglite.ts'
import type { Db } from '../../store/db.ts'

/** poolSize: PostgreSQL connections this process holds at most (TXSCREEN_PG_POOL_SIZE, default 10) */
export type DatabaseTarget = { kind: 'pg'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string }

export interface OpenDatabase {
  db: Db
  target: DatabaseTarget
  close(): Promise<void>
}

/** DATABASE_URL selects PostgreSQL; otherwise PGlite in TXSCREEN_DATA_DIR (default ./data). */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) {
    const size = env.TXSCREEN_PG_POOL_SIZE ? Number(env.TXSCREEN_PG_POOL_SIZE) : undefined
    if (size !== undefined && (!Number.isSafeInteger(size) || size <= 0)) throw new Error(`TXSCREEN_PG_POOL_SIZE must be a positive integer, got "${env.TXSCREEN_PG_POOL_SIZE}"`)
    return { kind: 'pg', url: env.DATABASE_URL, ...(size && { poolSize: size }) }
  }
  return { kind: 'pglite', dataDir: env.TXSCREEN_DATA_DIR || './data' }
}

/** Opens the store and applies pending migrations before anything else touches it. */
export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  const opened = target.kind === 'pg' ? openPg(target.url, target.poolSize) : await openPglite(target.dataDir)
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

function openPg(url: string, max: number | undefined): Omit<OpenDatabase, 'target'> {
  const pool = createPgPool({ connectionString: url, ...(max && { max }) })
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
