import { RawHttpClient } from './raw-http.ts'
import { summarise, type LoadFigures } from './figures.ts'

export interface OpenLoopOptions {
  url: string
  key: string
  contentType: string
  /** requests started per second, spread evenly (not sent in bursts) */
  rate: number
  seconds: number
  /** connections opened as needed and kept open: at most this many requests wait at once */
  maxConnections: number
  body(): string
}

/** How often the pacer looks at the clock: arrivals that fell due meanwhile are started together. */
const TICK_MS = 1

/**
 * POST at a constant arrival rate, as k6's constant-arrival-rate executor does: a request starts when it is
 * due whether or not earlier ones have answered, so a slow server shows as latency instead of as a lower
 * offered rate. When `maxConnections` requests are already waiting, a due request is dropped and counted
 * (k6's dropped_iterations). autocannon's own rate limit sends each connection's quota for the second
 * back to back at the start of the second, which measures its bursts' queueing rather than the server.
 */
export async function driveOpenLoop(opts: OpenLoopOptions): Promise<LoadFigures> {
  const target = new URL(opts.url)
  const client = new RawHttpClient({ host: target.hostname, port: Number(target.port || 80), maxConnections: opts.maxConnections, timeoutMs: 30_000 })
  // the request line and fixed headers, built once
  const head = `POST ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${opts.key}\r\nContent-Type: ${opts.contentType}\r\n`
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let failed = 0
  let inflight = 0
  let started = 0
  let dropped = 0
  const finished: Promise<void>[] = []

  const send = () => {
    const body = opts.body()
    const sentAt = performance.now()
    inflight++
    finished.push(
      client.send(head, body).then((result) => {
        inflight--
        if ('error' in result) failed++
        else {
          latencies.push(performance.now() - sentAt)
          statuses[result.status] = (statuses[result.status] ?? 0) + 1
        }
      }),
    )
  }

  const t0 = performance.now()
  const endAt = t0 + opts.seconds * 1000
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      const due = Math.min(Math.floor(((now - t0) / 1000) * opts.rate), Math.floor(opts.seconds * opts.rate))
      while (started < due) {
        started++
        if (inflight >= opts.maxConnections) dropped++
        else send()
      }
      if (now >= endAt) resolve()
      else setTimeout(tick, TICK_MS)
    }
    tick()
  })
  await Promise.all(finished)
  client.close()
  return { ...summarise(latencies, statuses, failed, (performance.now() - t0) / 1000), dropped }
}
