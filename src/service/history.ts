import { systemClock } from '../core/index.ts'
import { pruneScreenedRecords } from '../store/screened-records.ts'
import type { ServiceDeps } from './deps.ts'

const DAY_MS = 24 * 3600_000
// rows deleted a statement: no statement holds many rows for long
const PRUNE_ROWS = 10_000

/**
 * Drops the kept records (the history backtests replay) screened more than TXSCREEN_HISTORY_RETENTION_DAYS ago,
 * in slices; returns how many went. Run by the server's sweep (and the Worker's cron), off the request path.
 */
export async function pruneHistory(deps: Pick<ServiceDeps, 'db' | 'config' | 'clock'>, signal?: AbortSignal): Promise<number> {
  const before = new Date((deps.clock ?? systemClock).now() - deps.config.historyRetentionDays * DAY_MS)
  let total = 0
  for (;;) {
    const n = await pruneScreenedRecords(deps.db, before, PRUNE_ROWS)
    total += n
    if (n < PRUNE_ROWS || signal?.aborted) return total
  }
}
