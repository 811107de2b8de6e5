/** What one load run reports, as k6 does: throughput, latency percentiles and failures. */
export interface LoadFigures {
  requests: number
  seconds: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  /** failed requests: connection errors, timeouts and non-2xx answers */
  errors: number
  errorRate: number
  statuses: Record<string, number>
  /** requests that fell due while every connection was busy, never sent (open loop only) */
  dropped?: number
  /** the server process's CPU time (user + system) over the measured run per request made, in µs, when known */
  serverCpuMicros?: number
}

/** The figures of a run from every answered request's latency (ms) and status, and the requests that got none. */
export function summarise(latencies: number[], statuses: Record<string, number>, unanswered: number, seconds: number): LoadFigures {
  latencies.sort((a, b) => a - b)
  const ok = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith('2') ? n + c : n), 0)
  const requests = latencies.length + unanswered
  const errors = requests - ok
  return {
    requests,
    seconds,
    perSecond: ok / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors,
    errorRate: requests > 0 ? errors / requests : 0,
    statuses,
  }
}

/** the q-quantile of ascending `sorted` (nearest rank), NaN when empty */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}
