import type { Clock, TransferRecord } from '../core/index.ts'
import { Problem } from './problem.ts'

/**
 * Real time refuses an event time too far ahead of the clock: the latest time seen drives the pruning and the
 * warm-up of the shared state, so one record dated years ahead would empty every window. Past times stay allowed
 * (replays, back-dated corrections).
 */
export function checkEventTime(record: TransferRecord, clock: Clock, maxFutureSkewMs: number): void {
  const ahead = Date.parse(record.timestamp) - clock.now()
  if (ahead <= maxFutureSkewMs) return
  throw new Problem(
    422,
    'future-timestamp',
    'Event time ahead of the clock',
    `timestamp ${record.timestamp} is ${Math.ceil(ahead / 1000)} s ahead of the server clock; at most ${maxFutureSkewMs / 1000} s is accepted`,
    { path: 'timestamp', maxFutureSkewSeconds: maxFutureSkewMs / 1000 },
  )
}
