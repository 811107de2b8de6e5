import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type KV, type NatsConnection, type ObjectStore } from 'nats'
import {
  isRouted, PartitionRouter,
  type Case, type CompiledRuleset, type Hit, type ParsedLine, type RoutedRecord, type RuleSource, type ScreenedSlice, type ScreeningEngine,
  type ScreenOutput,
} from '../../core/index.ts'
import { openBuckets } from './partition-worker.ts'
import { deleteSnapshots } from './snapshot-store.ts'
import {
  bucketKeys, decodeJson, encodeJson, inStream, JS_TIMEOUT_MS, publishOnce, inSubject, outStream, outSubject,
  type HitsMessage, type RecordsMessage, type RunConfig, type WorkerEntry, WORKERS_BUCKET,
} from './protocol.ts'

export interface NatsEngineOptions {
  nc: NatsConnection
  run: string
  ruleset: CompiledRuleset
  sources: RuleSource[]
  lists: string[]
  partitions: number
  /** records a partition screens between two snapshots of its state (0: none) */
  snapshotEvery: number
  cases: boolean
  /** workers started for this run (`--local-workers`): wait until they are up, so they share the partitions */
  awaitWorkers?: number
  /** told once, when the run was there already (a router before this one died) and this router resumes it */
  onResume?(note: string): void
}

/** what went over NATS for a batch: to measure messages and bytes per transfer */
export interface NatsTraffic {
  recordsMessages: number
  recordsBytes: number
  hitsMessages: number
  hitsBytes: number
}

/** slices published and not yet merged, at most, before the router waits for the workers */
const MAX_IN_FLIGHT = 256
const NO_HITS: Hit[] = []

/** a slice sent to the partitions, waiting for all of their hits */
interface PendingSlice {
  lines: readonly ParsedLine[]
  routes: (RoutedRecord | ScreenOutput)[]
  /** per partition, its hits by line index; a partition that answered twice is kept once */
  answers: Map<number, Map<number, Hit[]>>
  complete: Promise<void>
  resolve(): void
}

/**
 * The router and merger of `txscreen batch --nats`: routes each record to the subjects of its partitions (the
 * key partitions of its keys and the graph partition, which gets every record), one message per partition
 * and slice, and merges the partitions' hits per slice, in input order, into the verdicts one screener gives.
 * The run's streams and its entry in RUNS are removed when the batch ends.
 */
export class NatsEngine implements ScreeningEngine {
  readonly traffic: NatsTraffic = { recordsMessages: 0, recordsBytes: 0, hitsMessages: 0, hitsBytes: 0 }
  readonly #router: PartitionRouter
  readonly #pending = new Map<number, PendingSlice>()
  /** answers to slices not routed yet: on a resumed run the hits stream holds what came before this router */
  readonly #early = new Map<number, Map<number, Map<number, Hit[]>>>()
  /** the next slice to route: answers to slices below it and not pending are repeats */
  #nextSlice = 0
  /** per partition, the last slice published to it before this router (a resumed run); -1: none */
  #published: number[] = []
  #failure: Error | undefined
  #stopListening: (() => void) | undefined
  #started = false

  constructor(private readonly opts: NatsEngineOptions) {
    this.#router = new PartitionRouter(opts.ruleset, opts.partitions, { cases: opts.cases })
  }

  cases(): Case[] {
    return this.#router.cases()
  }

  get outOfOrder(): number {
    return this.#router.outOfOrder
  }

  async *screen(slices: AsyncIterable<readonly ParsedLine[]>): AsyncGenerator<ScreenedSlice> {
    const { nc, run } = this.opts
    const js = nc.jetstream({ timeout: JS_TIMEOUT_MS })
    const jsm = await nc.jetstreamManager({ timeout: JS_TIMEOUT_MS })
    const { runs, workers, snapshots } = await openBuckets(js)
    await this.#resumeOrCreate(jsm, runs, snapshots)
    this.#started = true
    if (this.opts.awaitWorkers) await awaitWorkers(jsm, workers, run, this.opts.awaitWorkers)
    const listening = this.#listen(js)
    // a failure is raised where the router waits; keep Node from reporting it as unhandled meanwhile
    listening.catch(() => {})
    try {
      const config: RunConfig = {
        run, partitions: this.opts.partitions, sources: this.opts.sources, version: this.opts.ruleset.version, lists: this.opts.lists,
        snapshotEvery: this.opts.snapshotEvery,
      }
      await runs.put(run, encodeJson(config))
      const order: PendingSlice[] = []
      let s = 0
      for await (const lines of slices) {
        order.push(await this.#publish(js, s++, lines))
        while (order.length > 0 && (order.length > MAX_IN_FLIGHT || (await settled(order[0]!.complete)))) {
          await Promise.race([order[0]!.complete, listening])
          this.#check()
          yield this.#merge(order.shift()!)
        }
      }
      while (order.length > 0) {
        await Promise.race([order[0]!.complete, listening])
        this.#check()
        yield this.#merge(order.shift()!)
      }
    } finally {
      await this.end()
    }
  }

  /** whether the run was set up (there is something to remove) */
  get started(): boolean {
    return this.#started
  }

  /** removes the run: its entry (its workers stop), its streams and snapshots; also what an interrupted batch does */
  async end(): Promise<void> {
    const { nc, run } = this.opts
    this.#stopListening?.()
    const { runs, snapshots } = await openBuckets(nc.jetstream({ timeout: JS_TIMEOUT_MS }))
    const jsm = await nc.jetstreamManager({ timeout: JS_TIMEOUT_MS })
    await runs.delete(run).catch(() => {})
    await jsm.streams.delete(inStream(run)).catch(() => {})
    await jsm.streams.delete(outStream(run)).catch(() => {})
    await deleteSnapshots(snapshots, run, this.opts.partitions)
  }

  /**
   * Creates the run's streams; or, when the run is there already (its router died and this one was started
   * with the same input and options), notes per partition the last slice published to it, so that only what
   * is missing is published again. The hits stream keeps every answer from the start, so every slice is merged
   * again from it, in input order, and the whole output written again.
   */
  async #resumeOrCreate(jsm: JetStreamManager, runs: KV, snapshots: ObjectStore): Promise<void> {
    const { run } = this.opts
    const existing = await runs.get(run)
    const inInfo = await jsm.streams.info(inStream(run)).catch(() => undefined)
    if (existing?.operation === 'PUT' && inInfo && (await jsm.streams.info(outStream(run)).catch(() => undefined))) {
      const config = decodeJson<RunConfig>(existing.value)
      if (config.partitions !== this.opts.partitions || config.version !== this.opts.ruleset.version) {
        throw new Error(`run ${run} exists with ${config.partitions} partitions and ruleset ${config.version}; not these`)
      }
      this.#published = await Promise.all(
        Array.from({ length: this.opts.partitions + 1 }, async (_, p) => {
          const last = await jsm.streams.getMessage(inStream(run), { last_by_subj: inSubject(run, p) }).catch(() => undefined)
          return last ? decodeJson<RecordsMessage>(last.data).s : -1
        }),
      )
      const answered = (await jsm.streams.info(outStream(run))).state.messages
      this.opts.onResume?.(
        `resuming run ${run}: slices up to ${Math.min(...this.#published)}–${Math.max(...this.#published)} published per partition, ` +
          `${answered} answers stored`,
      )
      return
    }
    // the same input and options give the same run id: a snapshot left by an earlier run of it (a worker may
    // store one as it lets go, after that run's router removed the rest) would make a partition skip this run
    await deleteSnapshots(snapshots, run, this.opts.partitions)
    // a run left behind by a router that died and was not started again is dropped after a day
    const common = { storage: StorageType.File, retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old, max_age: nanos(86_400_000) }
    await jsm.streams.add({ ...common, name: inStream(run), subjects: [inSubject(run, '*')] })
    await jsm.streams.add({ ...common, name: outStream(run), subjects: [outSubject(run, '*')] })
  }

  /** routes a slice and publishes one records message per partition */
  async #publish(js: JetStreamClient, s: number, lines: readonly ParsedLine[]): Promise<PendingSlice> {
    const plan = this.#router.plan
    const byPartition: RecordsMessage['r'][] = plan.all.map(() => [])
    const routes = lines.map((line, i) => {
      const routed = this.#router.route(line)
      if (isRouted(routed)) for (const p of routed.partitions) byPartition[p]!.push([i, routed.record])
      return routed
    })
    let resolve!: () => void
    const complete = new Promise<void>((r) => (resolve = r))
    const slice: PendingSlice = { lines, routes, answers: this.#early.get(s) ?? new Map(), complete, resolve }
    this.#early.delete(s)
    this.#nextSlice = s + 1
    if (slice.answers.size === plan.all.length) resolve()
    else this.#pending.set(s, slice)
    await Promise.all(
      byPartition.map((r, p) => {
        // a router before this one published it
        if (s <= (this.#published[p] ?? -1)) return
        const data = encodeJson({ s, r } satisfies RecordsMessage)
        this.traffic.recordsMessages++
        this.traffic.recordsBytes += data.length
        return publishOnce(js, inSubject(this.opts.run, p), data, `${this.opts.run}.in.${p}.${s}`)
      }),
    )
    return slice
  }

  /** reads the partitions' hits as they come, filing each slice's answers once per partition */
  async #listen(js: JetStreamClient): Promise<never> {
    const consumer = await js.consumers.get(outStream(this.opts.run), { filterSubjects: outSubject(this.opts.run, '*') })
    const messages = await consumer.consume({ max_messages: 512 })
    this.#stopListening = () => messages.stop()
    const partitions = this.opts.partitions + 1
    try {
      for await (const m of messages) {
        const { s, p, h } = decodeJson<HitsMessage>(m.data)
        this.traffic.hitsMessages++
        this.traffic.hitsBytes += m.data.length
        if (s >= this.#nextSlice) {
          // a resumed run: the answer came before this router routed its slice
          const early = this.#early.get(s) ?? new Map<number, Map<number, Hit[]>>()
          if (!early.has(p)) early.set(p, new Map(h))
          this.#early.set(s, early)
          continue
        }
        const slice = this.#pending.get(s)
        // a repeat of an answer already filed, or of a slice already merged
        if (!slice || slice.answers.has(p)) continue
        slice.answers.set(p, new Map(h))
        if (slice.answers.size === partitions) {
          this.#pending.delete(s)
          slice.resolve()
        }
      }
    } catch (err) {
      this.#failure = err as Error
    }
    this.#failure ??= new Error('the hits stream ended before the batch did')
    throw this.#failure
  }

  #check(): void {
    if (this.#failure) throw this.#failure
  }

  #merge(slice: PendingSlice): ScreenedSlice {
    const outputs: ScreenOutput[] = slice.routes.map((routed, i) => {
      if (!isRouted(routed)) return routed
      return this.#router.verdict(routed.record, routed.partitions.map((p) => slice.answers.get(p)!.get(i) ?? NO_HITS))
    })
    return { lines: slice.lines, outputs }
  }
}

/** waits until `count` workers started for `run` have announced themselves */
async function awaitWorkers(jsm: JetStreamManager, workers: KV, run: string, count: number): Promise<void> {
  const deadline = Date.now() + 120_000
  for (;;) {
    let up = 0
    for (const id of await bucketKeys(jsm, WORKERS_BUCKET)) {
      const e = await workers.get(id)
      if (e?.operation === 'PUT' && decodeJson<WorkerEntry>(e.value).run === run) up++
    }
    if (up >= count) return
    if (Date.now() > deadline) throw new Error(`only ${up} of ${count} workers for run ${run} started within two minutes`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** whether a promise has settled, without waiting for it */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false
  p.then(() => (done = true), () => (done = true))
  await Promise.resolve()
  return done
}
