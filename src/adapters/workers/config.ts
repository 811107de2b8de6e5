import { DEFAULT_CONFIG, type ServiceConfig } from '../../service/deps.ts'

/** The Worker's bindings: the database through Hyperdrive, and the settings from [vars]. */
export interface Env {
  HYPERDRIVE: { connectionString: string }
  TXSCREEN_STORE_VERDICTS?: string
  TXSCREEN_BATCH_MAX_BYTES?: string
  TXSCREEN_SCREEN_TIMEOUT_MS?: string
  TXSCREEN_ACTIVATION_APPROVALS?: string
  TXSCREEN_MAX_FUTURE_SKEW_SECONDS?: string
  TXSCREEN_HISTORY_RETENTION_DAYS?: string
}

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
