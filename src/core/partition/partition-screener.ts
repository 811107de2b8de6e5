import type { TransferRecord } from '../record/schema.ts'
import type { Watchlists } from '../rules/watchlist-port.ts'
import { Screener } from '../screen/screener.ts'
import type { Hit } from '../screen/verdict.ts'
import type { PartitionPlan } from './plan.ts'

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

  /** entities with live state in this partition */
  get liveEntities(): number {
    return this.#screener.liveEntities
  }
}
