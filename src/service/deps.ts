import type { Clock, ReportingEntity } from '../core/index.ts'
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
  /** the records a batch's cases name in their evidence are kept this many days after the batch, for reports */
  evidenceRetentionDays: number
  /** every screened record (real time and batches) is kept this many days for backtests to replay; 0 keeps none */
  historyRetentionDays: number
  /** distinct keys that must approve a rule-set activation (1: whoever publishes or activates does it alone) */
  activationApprovals: number
  /** real time refuses an event time more than this far ahead of the clock (past times are allowed) */
  maxFutureSkewMs: number
  /** stored batches screened at once by one process; more wait in the batches table, queued */
  batchConcurrency: number
  /** batches one key may have stored and not yet finished */
  maxPendingBatchesPerKey: number
  /** bytes of upload one key may have stored and not yet screened */
  maxStoredBytesPerKey: number
  /** requests per second per key (bursts of one second's worth); 0 for none */
  rateLimits: RateLimits
}

export interface RateLimits {
  /** `POST /v1/screen` calls */
  screenPerSecond: number
  /** every other authenticated request */
  apiPerSecond: number
}

/** Starts stored batches as slots free up; without one (Workers) a batch starts when stored. */
export interface BatchQueue {
  /** claims queued batches while there is room; resolves once those are started */
  kick(): Promise<void>
}

/**
 * What the service counts for monitoring; the Node server backs it with Prometheus metrics, elsewhere it is
 * absent. Each call is a counter or histogram update, cheap enough for the real-time path.
 */
export interface ServiceMetrics {
  /** one answered HTTP request: route as declared (`/v1/batches/:id`), status, seconds from arrival to answer */
  request(route: string, method: string, status: number, seconds: number): void
  /** screening outcomes (`clear`, `review`, `block`, `error` for a batch's line errors) */
  decisions(source: 'realtime' | 'batch', outcome: string, n: number): void
  /** a batch that ended, and its records */
  batchEnded(status: 'completed' | 'failed', records: number): void
  /** one group-commit flush of real-time writes, committed in `seconds` */
  flushed(seconds: number): void
}

/** Work that outlives the request that started it: Node keeps it for draining, Workers hands it to waitUntil. */
export interface BackgroundTasks {
  /**
   * Runs `task` off the request path. Its signal aborts when the process gives up its work; for an
   * `interruptible` task (one a user can start again, e.g. a backtest) also when the service stops, which then
   * does not wait for it to finish.
   */
  run(task: (signal: AbortSignal) => Promise<void>, opts?: { interruptible?: boolean }): void
}

export interface ServiceDeps {
  db: Db
  rulesets: RulesetService
  /** sanctions lists and indicators for the name and indicator rules; none when not configured */
  lists?: ListHolder
  config: ServiceConfig
  background: BackgroundTasks
  /** the reporting-entity file goAML reports are filed under; none when not configured */
  reportingEntity?: ReportingEntity
  /** where the service reads wall-clock time (heartbeats, key expiry, skew checks); the system clock when absent */
  clock?: Clock
  /** the queue stored batches wait in; none on Workers */
  batchQueue?: BatchQueue
  /** counters and histograms for /metrics; none on Workers */
  metrics?: ServiceMetrics
}

export const DEFAULT_CONFIG: ServiceConfig = {
  storeVerdicts: 'all',
  batchBodyLimit: 2 * 1024 ** 3,
  uploadChunkBytes: 1024 ** 2,
  screenTimeoutMs: 1000,
  activationApprovals: 1,
  maxFutureSkewMs: 5 * 60_000,
  batchConcurrency: 1,
  maxPendingBatchesPerKey: 20,
  maxStoredBytesPerKey: 8 * 1024 ** 3,
  rateLimits: { screenPerSecond: 10_000, apiPerSecond: 1_000 },
  evidenceRetentionDays: 400,
  historyRetentionDays: 90,
}
