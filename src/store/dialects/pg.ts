import { PostgresDialect, type Dialect } from 'kysely'
import pg from 'pg'

export interface PgOptions {
  connectionString: string
  /** pool size; 1 for a per-request client on Workers */
  max?: number
}

// a database that is down must turn into a 503 within a second, not a hung request
const CONNECT_TIMEOUT_MS = 800
const STATEMENT_TIMEOUT_MS = 30_000

/** The pool, exposed so that callers can end it; the dialect is built over it. */
export function createPgPool(options: PgOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  })
  // a client losing its server emits 'error' besides failing its query; unheard, that would crash the process
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
}

export function pgDialect(pool: pg.Pool): Dialect {
  return new PostgresDialect({ pool })
}
