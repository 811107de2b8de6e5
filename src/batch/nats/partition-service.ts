import { AckPolicy, DeliverPolicy, nanos, type JetStreamClient, type JetStreamManager, type KV, type ObjectStore } from 'nats'
import { PartitionScreener, type PartitionPlan, type Watchlists } from '../../core/index.ts'
import {
  decodeJson, durableName, durablePrefix, encodeJson, publishOnce, inStream, inSubject, leaseKey, outSubject, REFRESH_MS,
  type HitsMessage, type RecordsMessage,
} from './protocol.ts'
import { encodeSnapshot, loadSnapshot, saveSnapshot } from './snapshot-store.ts'

/** where a partition keeps snapshots of its state, and how often it takes one */
export interface SnapshotSettings {
  store: ObjectStore
  /** records screened between two snapshots; 0: none are taken or read */
  every: number
}

/** publishes not yet acknowledged by the server, at most, before the service waits */
const MAX_UNACKED = 64

/**
 * One partition of one run, served by this worker while it holds the partition's lease. Its position is
 * the acknowledged floor of its holders' durable consumers: every records message up to it has had its hits
 * published and stored. On start (a first start, or after the previous holder died or lost its lease) it
 * deletes the previous holders' consumers, rebuilds the partition's state from its newest snapshot, if any,
 * and by replaying the partition's subject after it up to their highest floor without publishing, then reads
 * on from there (or from the snapshot, when that is further on) with a durable consumer of its own
 * (what the previous holder had been sent and not acknowledged comes again), and acks each records message once
 * the server has stored its hits. A previous holder still running finds its consumer gone and stops; the hits
 * it published before were those of its full state. Hits published twice carry the same message id: JetStream
 * drops the repeat, and the merger ignores any that get through. Every `snapshots.every` records it stores a
 * snapshot of its state in the object store, once the hits of every records message the state covers are
 * stored, so that the next holder starts from it.
 */
export class PartitionService {
  #stopped = false
  /** stopped to hand the partition to another worker (rebalancing): leave a snapshot of the state first */
  #released = false
  /** records screened by this holder (replays not counted) */
  #screened = 0
  #refreshing = false
  #stop: (() => void) | undefined
  readonly #key: string
  /** the lease revision this holder claimed the partition with: names its consumer */
  readonly #claim: number

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly leases: KV,
    private readonly run: string,
    private readonly plan: PartitionPlan,
    readonly partition: number,
    private readonly watchlists: Watchlists | undefined,
    private leaseRevision: number,
    private readonly workerId: string,
    private readonly log: (msg: string) => void,
    private readonly snapshots: SnapshotSettings,
  ) {
    this.#key = leaseKey(run, partition)
    this.#claim = leaseRevision
  }

  get stopped(): boolean {
    return this.#stopped
  }

  /** serves the partition until the run ends, the lease is lost or `stop` is called */
  async serve(): Promise<void> {
    const refresh = setInterval(() => void this.#refreshLease(), REFRESH_MS)
    try {
      await this.#serve()
    } finally {
      clearInterval(refresh)
      this.#stopped = true
      this.log(`partition ${this.partition} of run ${this.run}: screened ${this.#screened} records${this.#released ? ', released' : ''}`)
      // let another worker take the partition at once rather than after the lease expires
      await this.leases.delete(this.#key, { previousSeq: this.leaseRevision }).catch(() => {})
    }
  }

  stop(): void {
    this.#stopped = true
    this.#stop?.()
  }

  /**
   * Hands the partition over (this worker holds more than its share): stops at the next records message, once
   * the hits of those before it are stored, stores a snapshot of the state as of the last one (when the run
   * takes snapshots), so that the next holder replays nothing, and then gives the lease back.
   */
  release(): void {
    this.#released = true
    this.stop()
  }

  async #serve(): Promise<void> {
    const stream = inStream(this.run)
    const subject = inSubject(this.run, this.partition)
    const durable = durableName(this.partition, this.#claim)

    let floor = 0
    for await (const previous of this.jsm.consumers.list(stream)) {
      if (!previous.name.startsWith(durablePrefix(this.partition))) continue
      floor = Math.max(floor, previous.ack_floor.stream_seq)
      // its holder, if still running, must stop reading; its unacknowledged messages come again from ours
      await this.jsm.consumers.delete(stream, previous.name).catch(() => {})
    }
    const { screener, from } = await this.#restore()
    let last = Math.max(floor, from)
    if (floor > from) {
      const replayed = await this.#replay(stream, subject, from, floor, screener)
      this.log(`partition ${this.partition} of run ${this.run}: replayed ${replayed} slices from stream sequence ${from + 1} up to ${floor}`)
    }
    if (this.#stopped) return
    await this.jsm.consumers.add(stream, {
      durable_name: durable,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(120_000),
      max_ack_pending: 1024,
      ...(last > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: last + 1 } : { deliver_policy: DeliverPolicy.All }),
    })
    const consumer = await this.js.consumers.get(stream, durable)
    const messages = await consumer.consume({ max_messages: 64, abort_on_missing_resource: true })
    this.#stop = () => messages.stop()
    const unacked: Promise<unknown>[] = []
    const every = this.snapshots.every
    let sinceSnapshot = 0
    let saving: Promise<void> | undefined
    let snapshotAt = from
    for await (const m of messages) {
      if (this.#stopped) break
      if (m.seq <= last) {
        // sent again (its ack was lost or late): in the state already, its hits stored once those in flight are
        await Promise.all(unacked.splice(0))
        m.ack()
        continue
      }
      last = m.seq
      const { s, r } = decodeJson<RecordsMessage>(m.data)
      const hits: HitsMessage['h'] = []
      for (const [i, record] of r) {
        const h = screener.hits(record)
        if (h.length > 0) hits.push([i, h])
      }
      const reply: HitsMessage = { s, p: this.partition, h: hits }
      const stored = publishOnce(this.js, outSubject(this.run, this.partition), encodeJson(reply), `${this.run}.${this.partition}.${s}`).then(() => m.ack())
      // a failure stops the service when the batch of publishes is awaited; until then it is not unhandled
      stored.catch(() => {})
      unacked.push(stored)
      sinceSnapshot += r.length
      this.#screened += r.length
      if (every > 0 && sinceSnapshot >= every && !saving) {
        sinceSnapshot = 0
        // the snapshot may say "up to m.seq" only once the hits of every message up to it are stored
        await Promise.all(unacked.splice(0))
        snapshotAt = m.seq
        saving = this.#save(screener, m.seq).finally(() => (saving = undefined))
      }
      if (unacked.length >= MAX_UNACKED) await Promise.all(unacked.splice(0))
      // let the lease refresh run: buffered messages alone would keep the event loop for as long as they last
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(unacked)
    await saving
    // every hit up to `last` is stored: the next holder may start after it
    if (this.#released && every > 0 && last > snapshotAt) await this.#save(screener, last)
  }

  /** a screener with the newest snapshot's state, and the stream sequence it covers (0: a new screener) */
  async #restore(): Promise<{ screener: PartitionScreener; from: number }> {
    const fresh = () => new PartitionScreener(this.plan, this.partition, this.watchlists ? { watchlists: this.watchlists } : {})
    if (this.snapshots.every <= 0) return { screener: fresh(), from: 0 }
    const started = performance.now()
    try {
      const snapshot = await loadSnapshot(this.snapshots.store, this.run, this.partition)
      if (!snapshot) return { screener: fresh(), from: 0 }
      const screener = fresh()
      screener.restore(snapshot.state)
      this.log(
        `partition ${this.partition} of run ${this.run}: state restored from the snapshot at stream sequence ${snapshot.seq} ` +
          `(${snapshot.bytes} bytes, ${Math.round(performance.now() - started)} ms)`,
      )
      return { screener, from: snapshot.seq }
    } catch (err) {
      this.log(`partition ${this.partition} of run ${this.run}: snapshot not usable (${(err as Error).message}); replaying the stream`)
      return { screener: fresh(), from: 0 }
    }
  }

  /** stores the state as of stream sequence `seq`; a failure costs only a longer replay at the next takeover */
  async #save(screener: PartitionScreener, seq: number): Promise<void> {
    const started = performance.now()
    const bytes = encodeSnapshot(screener, seq)
    const encoded = performance.now()
    try {
      await saveSnapshot(this.snapshots.store, this.jsm, this.run, this.partition, bytes)
      this.log(
        `partition ${this.partition} of run ${this.run}: snapshot at stream sequence ${seq}: ${bytes.length} bytes, ` +
          `${Math.round(encoded - started)} ms to encode, ${Math.round(performance.now() - encoded)} ms to store`,
      )
    } catch (err) {
      this.log(`partition ${this.partition} of run ${this.run}: snapshot at stream sequence ${seq} not stored: ${(err as Error).message}`)
    }
  }

  /** feeds the partition's records after stream sequence `from` up to `floor` through the screener, publishing nothing */
  async #replay(stream: string, subject: string, from: number, floor: number, screener: PartitionScreener): Promise<number> {
    const ordered = await this.js.consumers.get(stream, {
      filterSubjects: subject,
      ...(from > 0 && { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from + 1 }),
    })
    const messages = await ordered.consume({ max_messages: 256 })
    this.#stop = () => messages.stop()
    let slices = 0
    for await (const m of messages) {
      if (this.#stopped) break
      if (m.seq > floor) break
      // the 2.9 server knows one filter subject per consumer; never feed another partition's records
      if (m.subject !== subject || m.seq <= from) continue
      for (const [, record] of decodeJson<RecordsMessage>(m.data).r) screener.hits(record)
      slices++
      if (m.seq === floor) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    messages.stop()
    return slices
  }

  async #refreshLease(): Promise<void> {
    // one refresh at a time: a second with the same revision would fail and look like a lost lease
    if (this.#stopped || this.#refreshing) return
    this.#refreshing = true
    try {
      this.leaseRevision = await this.leases.update(this.#key, this.workerId, this.leaseRevision)
    } catch {
      // a refresh that timed out may still have been stored: the lease is ours while it names this worker
      const now = await this.leases.get(this.#key).catch(() => undefined)
      if (now?.operation === 'PUT' && now.string() === this.workerId) this.leaseRevision = now.revision
      else {
        this.log(`partition ${this.partition} of run ${this.run}: lease lost, stopping`)
        this.stop()
      }
    } finally {
      this.#refreshing = false
    }
  }
}
