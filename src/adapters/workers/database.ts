import { Kysely } from 'kysely'
import type { Db } from '../../store/db.ts'
import { createPgPool, pgDialect } from '../../store/dialects/pg.ts'
import type { Env } from './config.ts'

/** A database per request, as Hyperdrive recommends: it pools the real connections on its side. */
export function openDb(env: Env): Db {
  return new Kysely({ dialect: pgDialect(createPgPool({ connectionString: env.HYPERDRIVE.connectionString, max: 1 })) })
}
