// node-postgres and PGlite errors that mean "the database cannot be reached right now", not "the query is wrong"
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement timeout)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
])

const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|connection terminated|connection timeout|query read timeout|connect ECONNREFUSED|server closed the connection|PGlite is closed|network connection lost/i

/** True for errors a client should retry later (503), as opposed to bugs or bad input. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
    const message = (e as { message?: unknown }).message
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true
  }
  return false
}

/** Every pooled connection was in use for as long as a new one may be waited for: the database is busy, not down. */
export class PoolSaturatedError extends Error {
  constructor(
    readonly poolSize: number,
    cause: unknown,
  ) {
    super(`all ${poolSize} database connections stayed busy`, { cause })
  }
}
