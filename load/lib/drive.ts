import autocannon from 'autocannon'
import { summarise, type LoadFigures } from './figures.ts'

export interface DriveOptions {
  url: string
  key: string
  contentType: string
  connections: number
  seconds?: number
  amount?: number
  body(): string
}

/**
 * Drives one endpoint with autocannon, closed loop (each connection sends its next request when the last one
 * answered), and measures every response's latency itself, for exact percentiles.
 */
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
        resolve(summarise(latencies, statuses, result.errors + result.timeouts, (performance.now() - started) / 1000))
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
    })
  })
}
