import type { TransferRecord } from '../record/schema.ts'
import type { Watchlists } from '../rules/watchlist-port.ts'
import { Screener, type ScreenerSnapshot } from '../screen/screener.ts'
import type { Hit } from '../screen/verdict.ts'
import type { PartitionPlan } from './plan.ts'

/** A partition's state as plain data: which partition of how many, and its screener's state */
export interface PartitionSnapshot {
  partition: number
  partitions: number
  screener: ScreenerSnapshot
}

/**
 * The screener of one partition: a key partition runs the keyed rules for the keys it owns, the graph
 * partition runs the graph and entity-less rules for every transfer. Feed it, in input order, every transfer
 * the plan sends it (`keyPartitionsOf`, and all of them for the graph partition); its hits, merged with the
 * other partitions' by `partitionHitMerger`, are the hits one screener running every rule gives.
 * A record with no exchange rate throws ScreeningError, as Screener does; the router should screen it alone.
 */
export class PartitionScreener {
  readonly #screener: Screener
  readonly #isGraph: boolean

  constructor(
    readonly plan: PartitionPlan,
    readonly partition: number,
    opts: { watchlists?: Watchlists } = {},
  ) {
    if (!Number.isSafeInteger(partition) || partition < 0 || partition > plan.graphPartition) {
      throw new RangeError(`partition must be 0..${plan.graphPartition}, got ${partition}`)
    }
    this.#isGraph = partition === plan.graphPartition
    this.#screener = new Screener(plan.ruleset, {
      rules: this.#isGraph ? plan.graphRules : plan.keyedRules,
      ...(opts.watchlists && { watchlists: opts.watchlists }),
    })
  }

  /** updates this partition's state with the transfer and returns its rules' hits for the keys it owns */
  hits(record: TransferRecord): Hit[] {
    if (this.#isGraph) return this.#screener.hits(record)
    return this.#screener.hits(record, this.plan.ownedKeys(record, this.partition))
  }

  /** the state as plain data, sharing the live arrays: serialise it before the next `hits` (Screener.snapshot) */
  snapshot(): PartitionSnapshot {
    return { partition: this.partition, partitions: this.plan.partitions, screener: this.#screener.snapshot() }
  }

  /** takes over the state of a deserialised snapshot of the same partition; this screener must be new */
  restore(s: PartitionSnapshot): void {
    if (s.partition !== this.partition || s.partitions !== this.plan.partitions) {
      throw new Error(`a snapshot of partition ${s.partition} of ${s.partitions}, not ${this.partition} of ${this.plan.partitions}`)
    }
    this.#screener.restore(s.screener)
  }

  /** entities with live state in this partition */
  get liveEntities(): number {
    return this.#screener.liveEntities
  }
}
