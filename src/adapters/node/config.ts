import { DEFAULT_CONFIG, type ServiceConfig } from '../../service/deps.ts'
import type { RealtimeStateMode } from '../../service/realtime.ts'
import { parseListSpecs } from './file-lists.ts'

export interface NodeConfig {
  port: number
  host: string
  rulesDir: string | undefined
  /** watchlists and indicator lists as FORMAT:PATH, loaded at start and on reload */
  lists: string[]
  /** a batch whose heartbeat is older than this is taken to be orphaned */
  staleBatchMs: number
  /** memory: one live screener per process, warmed from the database (the default); database: replay per call */
  realtimeState: RealtimeStateMode
  /** longest a whole request may take to arrive, 0 for no limit (Node's own 300 s cuts long batch uploads) */
  requestTimeoutMs: number
  /** the reporting-entity YAML file of goAML reports (GET /v1/cases/{id}/goaml); none when unset */
  goamlEntity: string | undefined
  /** a shadow rule set holds its calls while the event loop's utilisation is above this (0-1; 1: never holds) */
  shadowMaxLoad: number
  /** calls a shadow rule set holds at most; past that they are dropped and counted */
  shadowMaxQueued: number
  service: ServiceConfig
}

function nonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be 0 or a positive integer, got "${value}"`)
  return n
}

/** a share from 0 to 1 */
function fraction(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!(n >= 0 && n <= 1)) throw new Error(`${name} must be a number from 0 to 1, got "${value}"`)
  return n
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`)
  return n
}

/** Every setting the Node server reads, with its default; bad values stop the start with a clear message. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const store = env.TXSCREEN_STORE_VERDICTS ?? 'all'
  if (store !== 'all' && store !== 'alerts') throw new Error(`TXSCREEN_STORE_VERDICTS must be "all" or "alerts", got "${store}"`)
  const realtimeState = env.TXSCREEN_REALTIME_STATE || 'memory'
  if (realtimeState !== 'memory' && realtimeState !== 'database') {
    throw new Error(`TXSCREEN_REALTIME_STATE must be "memory" or "database", got "${realtimeState}"`)
  }
  return {
    port: positiveInt('PORT', env.PORT, 8080),
    host: env.HOST || '0.0.0.0',
    rulesDir: env.TXSCREEN_RULES_DIR || undefined,
    lists: parseListSpecs(env.TXSCREEN_LISTS),
    staleBatchMs: positiveInt('TXSCREEN_STALE_BATCH_SECONDS', env.TXSCREEN_STALE_BATCH_SECONDS, 60) * 1000,
    realtimeState,
    requestTimeoutMs: nonNegativeInt('TXSCREEN_REQUEST_TIMEOUT_SECONDS', env.TXSCREEN_REQUEST_TIMEOUT_SECONDS, 0) * 1000,
    goamlEntity: env.TXSCREEN_GOAML_ENTITY || undefined,
    shadowMaxLoad: fraction('TXSCREEN_SHADOW_MAX_LOAD', env.TXSCREEN_SHADOW_MAX_LOAD, 0.2),
    shadowMaxQueued: positiveInt('TXSCREEN_SHADOW_MAX_QUEUED', env.TXSCREEN_SHADOW_MAX_QUEUED, 30_000),
    service: {
      storeVerdicts: store,
      batchBodyLimit: positiveInt('TXSCREEN_BATCH_MAX_BYTES', env.TXSCREEN_BATCH_MAX_BYTES, DEFAULT_CONFIG.batchBodyLimit),
      uploadChunkBytes: DEFAULT_CONFIG.uploadChunkBytes,
      screenTimeoutMs: positiveInt('TXSCREEN_SCREEN_TIMEOUT_MS', env.TXSCREEN_SCREEN_TIMEOUT_MS, DEFAULT_CONFIG.screenTimeoutMs),
      activationApprovals: positiveInt('TXSCREEN_ACTIVATION_APPROVALS', env.TXSCREEN_ACTIVATION_APPROVALS, DEFAULT_CONFIG.activationApprovals),
      maxFutureSkewMs: positiveInt('TXSCREEN_MAX_FUTURE_SKEW_SECONDS', env.TXSCREEN_MAX_FUTURE_SKEW_SECONDS, DEFAULT_CONFIG.maxFutureSkewMs / 1000) * 1000,
      batchConcurrency: positiveInt('TXSCREEN_BATCH_CONCURRENCY', env.TXSCREEN_BATCH_CONCURRENCY, DEFAULT_CONFIG.batchConcurrency),
      maxPendingBatchesPerKey: positiveInt('TXSCREEN_MAX_PENDING_BATCHES_PER_KEY', env.TXSCREEN_MAX_PENDING_BATCHES_PER_KEY, DEFAULT_CONFIG.maxPendingBatchesPerKey),
      maxStoredBytesPerKey: positiveInt('TXSCREEN_MAX_STORED_BYTES_PER_KEY', env.TXSCREEN_MAX_STORED_BYTES_PER_KEY, DEFAULT_CONFIG.maxStoredBytesPerKey),
      rateLimits: {
        screenPerSecond: nonNegativeInt('TXSCREEN_RATE_SCREEN_PER_SECOND', env.TXSCREEN_RATE_SCREEN_PER_SECOND, DEFAULT_CONFIG.rateLimits.screenPerSecond),
        apiPerSecond: nonNegativeInt('TXSCREEN_RATE_API_PER_SECOND', env.TXSCREEN_RATE_API_PER_SECOND, DEFAULT_CONFIG.rateLimits.apiPerSecond),
      },
      evidenceRetentionDays: positiveInt('TXSCREEN_EVIDENCE_RETENTION_DAYS', env.TXSCREEN_EVIDENCE_RETENTION_DAYS, DEFAULT_CONFIG.evidenceRetentionDays),
      historyRetentionDays: nonNegativeInt('TXSCREEN_HISTORY_RETENTION_DAYS', env.TXSCREEN_HISTORY_RETENTION_DAYS, DEFAULT_CONFIG.historyRetentionDays),
    },
  }
}
