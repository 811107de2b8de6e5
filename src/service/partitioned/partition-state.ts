import { PartitionPlan, PartitionScreener, ScreeningError, type Hit, type TransferRecord } from '../../core/index.ts'
import type { Db } from '../../store/db.ts'
import { latestEventTime, loadEventPage } from '../../store/realtime-store.ts'
import { keptFrom } from '../retention.ts'
import type { RulesetService } from '../rulesets.ts'
import { SeenIds } from '../seen-ids.ts'

const REBUILD_PAGE_ROWS = 10_000
// the transfer ids of the kept history are trimmed to it once in this many calls
const FORGET_EVERY = 4096

/**
 * What the router asks of one partition: screen this transfer with this rule-set version, as partition
 * `partition` of the plan with `partitions` key partitions (src/core/partition: the graph partition is numbered `partitions`).
 */
export interface PartitionCall {
  partition: number
  partitions: number
  version: string
  record: TransferRecord
}

/** A partition's answer: its hits, or that it holds the transfer already (a retry). */
export type PartitionAnswer = { hits: Hit[] } | { seen: true }

/** The state of one version and cut, rebuilt from the history when the partition starts or either changes. */
interface Held {
  id: string
  ready: Promise<void>
  screener: PartitionScreener | undefined
  keptFrom: (latest: number) => number
  latest: number
  calls: number
  readonly ids: SeenIds
}

/**
 * The live state of one partition (a Durable Object on Workers; anything that serialises its calls elsewhere):
 * built on the first call from the real-time history in the database, the record, then kept in memory and
 * updated by every transfer routed here. A call is screened synchronously once the state is built, so calls
 * never interleave inside it.
 */
export class PartitionState {
  #held: Held | undefined

  constructor(
    private readonly deps: {
      /** runs `use` with a database connection (the object opens one for the rebuild only) */
      withDb<T>(use: (db: Db) => Promise<T>): Promise<T>
      rulesets: RulesetService
    },
  ) {}

  async screen(call: PartitionCall): Promise<PartitionAnswer> {
    const held = this.#hold(call)
    await held.ready
    // from here on, synchronous: no other call runs inside this one
    const record = call.record
    if (held.ids.has(record.id)) return { seen: true }
    const at = Date.parse(record.timestamp)
    const hits = held.screener!.hits(record)
    held.ids.add(record.id, at)
    if (at > held.latest) held.latest = at
    if (++held.calls % FORGET_EVERY === 0) held.ids.forgetBefore(held.keptFrom(held.latest))
    return { hits }
  }

  /** Drops the state (a write of a transfer it counted failed): the next call rebuilds it from the database. */
  forget(): void {
    this.#held = undefined
  }

  /** transfers this partition holds, when built */
  get transfers(): number {
    return this.#held?.ids.size ?? 0
  }

  #hold(call: PartitionCall): Held {
    const id = `${call.version}\u0000${call.partitions}\u0000${call.partition}`
    const current = this.#held
    if (current && current.id === id) return current
    const held: Held = { id, ready: Promise.resolve(), screener: undefined, keptFrom: () => 0, latest: Number.NEGATIVE_INFINITY, calls: 0, ids: new SeenIds() }
    held.ready = this.#rebuild(held, call)
    // a failed rebuild is tried again by the next call
    held.ready.catch(() => {
      if (this.#held === held) this.#held = undefined
    })
    this.#held = held
    return held
  }

  /** Replays the kept history (retention.ts) of this partition's transfers, in the order it was stored. */
  async #rebuild(held: Held, call: PartitionCall): Promise<void> {
    await this.deps.withDb(async (db) => {
      const ruleset = await this.deps.rulesets.compiled(db, call.version)
      const plan = new PartitionPlan(ruleset, call.partitions)
      const screener = new PartitionScreener(plan, call.partition)
      // the transfers this partition saw: all of them for the graph partition, else those with a key it owns
      const touches = (r: TransferRecord) => call.partition === plan.graphPartition || plan.keyPartitionsOf(r).includes(call.partition)
      held.keptFrom = (latest) => keptFrom(ruleset, latest)
      const latest = await latestEventTime(db)
      if (latest !== undefined) {
        held.latest = latest
        const from = keptFrom(ruleset, latest)
        const replayed = new Set<string>()
        let after: { occurredAt: Date; id: string } | undefined
        for (;;) {
          const page = await loadEventPage(db, from, after, REBUILD_PAGE_ROWS)
          for (const row of page) {
            // a transfer is stored once per key: replayed once
            if (replayed.has(row.eventId)) continue
            replayed.add(row.eventId)
            const record = row.record as TransferRecord
            if (!touches(record)) continue
            try {
              // the hits are dropped: a replay only rebuilds the state
              screener.hits(record)
            } catch (err) {
              // a record the rule set has no rate for could not have been screened by it either
              if (!(err instanceof ScreeningError)) throw err
            }
            held.ids.add(row.eventId, row.occurredAt.getTime())
          }
          if (page.length < REBUILD_PAGE_ROWS) break
          const last = page[page.length - 1]!
          after = { occurredAt: last.occurredAt, id: last.id }
        }
      }
      held.screener = screener
    })
  }
}
