import { randomUUID } from 'node:crypto'
import { connect, type NatsConnection } from 'nats'
import { LocalWorkers } from '../batch/nats/local-workers.ts'
import { NatsEngine, type NatsEngineOptions } from '../batch/nats/nats-engine.ts'

/** `txscreen batch --nats URL`: the connection, the run's id, the workers it started, and what went over the wire */
export class NatsBatch {
  #engine: NatsEngine | undefined
  #closed = false

  private constructor(
    readonly nc: NatsConnection,
    readonly run: string,
    private readonly workers: LocalWorkers | undefined,
  ) {}

  /** `run`: the run's id (runIdOf, or --run-id); a random one when undefined */
  static async open(url: string, localWorkers: number, run: string | undefined): Promise<NatsBatch> {
    let nc
    try {
      nc = await connect({ servers: url, name: 'txscreen-batch' })
    } catch (err) {
      throw new Error(`cannot reach NATS at ${url}: ${(err as Error).message}`)
    }
    // stream and subject names take letters, digits, - and _
    run ??= randomUUID().replaceAll('-', '').slice(0, 16)
    const batch = new NatsBatch(nc, run, localWorkers > 0 ? new LocalWorkers(localWorkers, url, run) : undefined)
    // interrupted: remove the run and stop the workers rather than leave them waiting for it
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        process.stderr.write(`txscreen batch: ${signal}, removing run ${run}\n`)
        void batch.abandon().finally(() => process.exit(130))
      })
    }
    return batch
  }

  async abandon(): Promise<void> {
    if (this.#engine?.started) await this.#engine.end().catch(() => {})
    await this.close()
  }

  engine(opts: Omit<NatsEngineOptions, 'nc' | 'run' | 'awaitWorkers'>): NatsEngine {
    this.#engine = new NatsEngine({ ...opts, nc: this.nc, run: this.run, ...(this.workers && { awaitWorkers: this.workers.children.length }) })
    return this.#engine
  }

  /** messages and bytes per transfer, both ways */
  trafficLine(records: number): string {
    const t = this.#engine?.traffic
    if (!t || records === 0) return ''
    const per = (n: number) => (n / records).toFixed(3)
    return (
      `nats: ${t.recordsMessages} records messages (${per(t.recordsMessages)}/transfer, ${per(t.recordsBytes)} bytes/transfer), ` +
      `${t.hitsMessages} hits messages (${per(t.hitsMessages)}/transfer, ${per(t.hitsBytes)} bytes/transfer)`
    )
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.workers?.stop()
    await this.nc.drain().catch(() => {})
  }
}
