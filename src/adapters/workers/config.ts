import { DEFAULT_CONFIG, type ServiceConfig } from '../../service/deps.ts'
import type { ObjectNamespace } from './partitions.ts'

/** The Worker's bindings: the database through Hyperdrive, and the settings from [vars]. */
export interface Env {
  HYPERDRIVE: { connectionString: string }
  TXSCREEN_STORE_VERDICTS?: string
  TXSCREEN_BATCH_MAX_BYTES?: string
  TXSCREEN_SCREEN_TIMEOUT_MS?: string
  TXSCREEN_ACTIVATION_APPROVALS?: string
  TXSCREEN_MAX_FUTURE_SKEW_SECONDS?: string
  TXSCREEN_HISTORY_RETENTION_DAYS?: string
  /** the Durable Objects holding the real-time state by partition; without it, state is replayed from the database per call */
  PARTITIONS?: ObjectNamespace
  /** how many partitions the real-time state is cut into (default 4); changing it rebuilds every object */
  TXSCREEN_PARTITIONS?: string
  /** `database` screens with the state replayed from the database per call even with PARTITIONS bound */
  TXSCREEN_REALTIME_STATE?: string
}

/** The number of partitions, or none when the state is replayed from the database per call. */
export function partitionsOf(env: Env): number | undefined {
  if (!env.PARTITIONS || env.TXSCREEN_REALTIME_STATE === 'database') return undefined
  const n = Number(env.TXSCREEN_PARTITIONS ?? DEFAULT_PARTITIONS)
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_PARTITIONS ? n : DEFAULT_PARTITIONS
}

const DEFAULT_PARTITIONS = 4
const MAX_PARTITIONS = 1024

export function configOf(env: Env): ServiceConfig {
  const positive = (v: string | undefined) => (Number.isSafeInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined)
  const max = positive(env.TXSCREEN_BATCH_MAX_BYTES)
  const timeout = positive(env.TXSCREEN_SCREEN_TIMEOUT_MS)
  const approvals = positive(env.TXSCREEN_ACTIVATION_APPROVALS)
  const skewSeconds = positive(env.TXSCREEN_MAX_FUTURE_SKEW_SECONDS)
  const historyDays = env.TXSCREEN_HISTORY_RETENTION_DAYS === '0' ? 0 : positive(env.TXSCREEN_HISTORY_RETENTION_DAYS)
  return {
    ...DEFAULT_CONFIG,
    storeVerdicts: env.TXSCREEN_STORE_VERDICTS === 'alerts' ? 'alerts' : 'all',
    ...(max ? { batchBodyLimit: max } : {}),
    ...(timeout ? { screenTimeoutMs: timeout } : {}),
    ...(approvals ? { activationApprovals: approvals } : {}),
    ...(skewSeconds ? { maxFutureSkewMs: skewSeconds * 1000 } : {}),
    ...(historyDays !== undefined ? { historyRetentionDays: historyDays } : {}),
  }
}
