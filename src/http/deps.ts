import type { Context } from 'hono'
import type { RealtimeScreening } from '../service/realtime.ts'
import type { ServiceDeps } from '../service/deps.ts'
import type { ApiKeyCache } from './auth.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { AppEnv } from './env.ts'

/** Structured logging as pino has it (an object of fields, then the message); the Node server passes pino. */
export interface Logger {
  debug(fields: object, message?: string): void
  info(fields: object, message?: string): void
  warn(fields: object, message?: string): void
  error(fields: object, message?: string): void
  isLevelEnabled(level: string): boolean
}

export interface AppDeps extends ServiceDeps {
  /** request and error logs; none: unexpected errors go to the console */
  logger?: Logger
  /** true once the server is stopping: new batches are refused, running ones finish */
  draining?: () => boolean
  /** API keys remembered for a few seconds; completeDeps makes one when none is given */
  apiKeys?: ApiKeyCache
  /** per-key request rates; completeDeps makes one from the config when none is given */
  rateLimiter?: RateLimiter
  /** where real-time state lives; completeDeps screens against the database when none is given */
  realtime?: RealtimeScreening
}

/**
 * Where a request's dependencies come from: one set for the whole process (Node), or a function that
 * gives each request its own (Workers, where a database connection cannot outlive its request). The
 * function returns complete dependencies; whatever should last longer than a request (the key cache,
 * compiled rule sets) it takes from outside.
 */
export type DepsSource = AppDeps | ((c: Context<AppEnv>) => AppDeps)
