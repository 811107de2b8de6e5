import autocannon from 'autocannon'

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
}

export interface DriveOptions {
  url: string
  key: string
  contentType: string
  connections: number
  /** constant arrival rate across all connections (requests/s); open loop up to the connection count */
  rate?: number
  seconds?: number
  amount?: number
  body(): string
}

/** Drives one endpoint with autocannon and measures every response's latency itself, for exact percentiles. */
export function drive(opts: DriveOptions): Promise<LoadFigures> {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        timeout: 30,
        ...(opts.rate !== undefined && { overallRate: opts.rate }),
        ...(opts.seconds !== undefined && { duration: opts.seconds }),
        ...(opts.amount !== undefined && { amount: opts.amount }),
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${opts.key}`, 'content-type': opts.contentType },
            setupRequest: (req) => ({ ...req, body: opts.body() }),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err)
        const seconds = (performance.now() - started) / 1000
        latencies.sort((a, b) => a - b)
        const ok = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith('2') ? n + c : n), 0)
        const requests = latencies.length + result.errors + result.timeouts
        const errors = requests - ok
        resolve({
          requests,
          seconds,
          perSecond: ok / seconds,
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          errors,
          errorRate: requests > 0 ? errors / requests : 0,
          statuses,
        })
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
    })
  })
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}
