import type { Clock } from '../core/index.ts'
import type { Db } from '../store/db.ts'
import type { ListHolder } from './lists.ts'
import type { RulesetService } from './rulesets.ts'
import type { StoreVerdicts } from './verdict-rows.ts'

export interface ServiceConfig {
  storeVerdicts: StoreVerdicts
  /** largest batch upload in bytes */
  batchBodyLimit: number
  /** uploads are kept in the database in pieces of this size, so a batch can be resumed after a crash */
  uploadChunkBytes: number
  /** a real-time screening call answers 503 after this long rather than wait on a stalled store */
  screenTimeoutMs: number
  /** real time refuses an event time more than this far ahead of the clock (past times are allowed) */
  maxFutureSkewMs: number
}

/** Work that outlives the request that started it: Node keeps it for draining, Workers hands it to waitUntil. */
export interface BackgroundTasks {
  run(task: (signal: AbortSignal) => Promise<void>): void
}

export interface ServiceDeps {
  db: Db
  rulesets: RulesetService
  /** sanctions lists and indicators for the name and indicator rules; none when not configured */
  lists?: ListHolder
  config: ServiceConfig
  background: BackgroundTasks
  /** where the service reads wall-clock time (heartbeats, key expiry, skew checks); the system clock when absent */
  clock?: Clock
}

export const DEFAULT_CONFIG: ServiceConfig = {
  storeVerdicts: 'all',
  batchBodyLimit: 2 * 1024 ** 3,
  uploadChunkBytes: 1024 ** 2,
  screenTimeoutMs: 1000,
  maxFutureSkewMs: 5 * 60_000,
}
