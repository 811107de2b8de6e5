import { performance } from 'node:perf_hooks'

/** how long one measure of the event loop's utilisation covers at least */
const WINDOW_MS = 100

/**
 * Whether this process's event loop is busy: its utilisation (the share of time it was not waiting for I/O,
 * `performance.eventLoopUtilization`) since the previous measure, at least WINDOW_MS ago, above `maxLoad` (0-1).
 * Asked more often, it answers the last measure's result; it measures nothing between asks. `maxLoad` 1 is never busy.
 */
export function eventLoopBusy(maxLoad: number): () => boolean {
  let last = performance.eventLoopUtilization()
  let lastAt = performance.now()
  let busy = false
  return () => {
    const now = performance.now()
    if (now - lastAt < WINDOW_MS) return busy
    const next = performance.eventLoopUtilization()
    busy = performance.eventLoopUtilization(next, last).utilization > maxLoad
    last = next
    lastAt = now
    return busy
  }
}
