import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { RateLimiter } from '../../http/rate-limit.ts'
import type { ServiceMetrics } from '../../service/deps.ts'
import type { LiveScreening } from '../../service/live-screening.ts'
import type { Db } from '../../store/db.ts'
import { queuedBatchCount } from '../../store/batches.ts'
import { registerShadowMetrics } from './shadow-metrics.ts'

/** What the gauges read when scraped (nothing of it is touched per request). */
export interface MetricSources {
  db: Db
  running: () => number
  live: LiveScreening | undefined
  rateLimiter: RateLimiter | undefined
}

/**
 * Prometheus metrics of one server process (`GET /metrics`, admin keys). Counters and histograms are updated as
 * things happen; gauges (queue depth, batches running, real-time state) are read at scrape time.
 */
export class NodeMetrics implements ServiceMetrics {
  readonly registry = new Registry()
  readonly #latency = new Histogram({
    name: 'txscreen_http_request_duration_seconds',
    help: 'time from a request arriving to its answer, by declared route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  })
  // label children by method, route and status: a request costs three Map lookups of strings it has already, not a label hash
  readonly #children = new Map<string, Map<string, Map<number, ReturnType<Histogram<'route' | 'method' | 'status'>['labels']>>>>()
  readonly #decisions = new Counter({
    name: 'txscreen_decisions_total',
    help: 'screening outcomes by source (realtime, batch) and decision (clear, review, block; error: a line error in a batch)',
    labelNames: ['source', 'decision'] as const,
    registers: [this.registry],
  })
  readonly #batches = new Counter({
    name: 'txscreen_batches_total',
    help: 'batches that ended, by status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  })
  readonly #batchRecords = new Counter({ name: 'txscreen_batch_records_total', help: 'records of completed batches', registers: [this.registry] })
  readonly #flush = new Histogram({
    name: 'txscreen_realtime_flush_seconds',
    help: 'group-commit flushes of real-time writes, from send to commit',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })

  constructor(sources: MetricSources) {
    const r = [this.registry]
    new Gauge({
      name: 'txscreen_batch_queue_depth',
      help: 'stored batches waiting in the database for a slot (all processes)',
      registers: r,
      async collect() {
        this.set(await queuedBatchCount(sources.db))
      },
    })
    new Gauge({ name: 'txscreen_batches_running', help: 'batches this process is screening', registers: r, collect() { this.set(sources.running()) } })
    new Gauge({
      name: 'txscreen_realtime_state_transfers',
      help: 'transfers taken into the in-memory real-time state (warm-up plus calls since; windows forget the old ones)',
      registers: r,
      collect() {
        this.set(sources.live?.stats().transfers ?? 0)
      },
    })
    new Gauge({
      name: 'txscreen_realtime_recent_ids',
      help: 'transfer ids remembered to answer retries',
      registers: r,
      collect() {
        this.set(sources.live?.stats().recentIds ?? 0)
      },
    })
    new Gauge({
      name: 'txscreen_realtime_queued_rows',
      help: 'real-time rows waiting for their group commit',
      registers: r,
      collect() {
        this.set(sources.live?.writer.queuedRows ?? 0)
      },
    })
    new Counter({
      name: 'txscreen_rate_limited_total',
      help: 'requests refused with 429 for a key past its rate, by kind (screen, api)',
      labelNames: ['kind'] as const,
      registers: r,
      collect() {
        const refused = sources.rateLimiter?.refused
        this.reset()
        this.inc({ kind: 'screen' }, refused?.screenPerSecond ?? 0)
        this.inc({ kind: 'api' }, refused?.apiPerSecond ?? 0)
      },
    })
    registerShadowMetrics(this.registry, () => sources.live?.shadow)
    collectDefaultMetrics({ register: this.registry, prefix: 'txscreen_process_' })
  }

  request(route: string, method: string, status: number, seconds: number): void {
    let byRoute = this.#children.get(method)
    if (!byRoute) this.#children.set(method, (byRoute = new Map()))
    let byStatus = byRoute.get(route)
    if (!byStatus) byRoute.set(route, (byStatus = new Map()))
    let child = byStatus.get(status)
    if (!child) byStatus.set(status, (child = this.#latency.labels({ route, method, status: String(status) })))
    child.observe(seconds)
  }

  readonly #decided = { realtime: new Map<string, ReturnType<Counter<'source' | 'decision'>['labels']>>(), batch: new Map<string, ReturnType<Counter<'source' | 'decision'>['labels']>>() }

  decisions(source: 'realtime' | 'batch', outcome: string, n: number): void {
    if (n <= 0) return
    const children = this.#decided[source]
    let child = children.get(outcome)
    if (!child) children.set(outcome, (child = this.#decisions.labels({ source, decision: outcome })))
    child.inc(n)
  }

  batchEnded(status: 'completed' | 'failed', records: number): void {
    this.#batches.inc({ status })
    if (records > 0) this.#batchRecords.inc(records)
  }

  flushed(seconds: number): void {
    this.#flush.observe(seconds)
  }

  async text(): Promise<string> {
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }
}
