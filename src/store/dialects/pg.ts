import { PostgresDialect, type Dialect } from 'kysely'
import pg from 'pg'
import { PoolSaturatedError } from '../errors.ts'
import { preparedName } from '../prepared.ts'

export interface PgOptions {
  connectionString: string
  /** pool size; 1 for a per-request client on Workers */
  max?: number
}

// a database that is down must turn into a 503 within a second, not a hung request
const CONNECT_TIMEOUT_MS = 800
const STATEMENT_TIMEOUT_MS = 30_000
export const DEFAULT_POOL_SIZE = 10

/** The pool, exposed so that callers can end it; the dialect is built over it. */
export function createPgPool(options: PgOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? DEFAULT_POOL_SIZE,
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

/**
 * kysely's dialect over the pool. A connection that cannot be had in time because every one is in use is a
 * busy pool, not a database that is down: that failure is told apart here, while the pool's counts still say so.
 */
export function pgDialect(pool: pg.Pool): Dialect {
  const max = (pool as unknown as { options: { max?: number } }).options.max ?? DEFAULT_POOL_SIZE
  const saturating = {
    async connect() {
      const full = pool.totalCount >= max && pool.idleCount === 0
      try {
        return preparing(await pool.connect())
      } catch (err) {
        if (full && pool.totalCount >= max) throw new PoolSaturatedError(max, err)
        throw err
      }
    },
    end: () => pool.end(),
  }
  return new PostgresDialect({ pool: saturating as unknown as pg.Pool })
}

const PREPARING = Symbol('txscreen.preparing')

/**
 * A pooled client whose `query(text, values)` sends a text marked by `preparedAs` as a named prepared statement
 * (parsed once per connection, see ../prepared.ts); everything else goes as before. Patched once per client.
 */
function preparing(client: pg.PoolClient): pg.PoolClient {
  const patched = client as pg.PoolClient & { [PREPARING]?: true }
  if (patched[PREPARING]) return client
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  patched.query = ((...args: unknown[]) => {
    const [text, values] = args
    const name = typeof text === 'string' && args.length === 2 ? preparedName(text) : undefined
    return name === undefined ? query(...args) : query({ name, text, values })
  }) as typeof client.query
  patched[PREPARING] = true
  return client
}
