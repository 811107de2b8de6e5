import type { TransferRecord } from '../record/schema.ts'
import type { CompiledRuleset } from '../rules/compiled.ts'
import type { EntitySpec } from '../rules/entity.ts'
import { viewsOf, type Direction, type TransferContext } from '../screen/view.ts'
import { partitionOfKey } from './key-hash.ts'

/**
 * How a ruleset's work is cut into `partitions` key partitions and one graph partition.
 *
 * A rule keyed by an entity (`id`, `phone`, ...) keeps state per entity key, so each of its perspectives
 * is screened in the key partition of that perspective's key: the partitions own disjoint sets of keys and
 * each sees only the transfers that touch its keys. Rules that need more than one entity's state (the
 * transfer graph: cycle, chain, fan, scatter-gather...) and rules without an entity (one window over every
 * transfer) run in the graph partition, numbered `partitions`, which every transfer is sent to.
 */
export class PartitionPlan {
  /** indices of the rules screened per key, in ruleset order */
  readonly keyedRules: readonly number[]
  /** indices of the rules the graph partition screens over every transfer, in ruleset order */
  readonly graphRules: readonly number[]
  /** the graph partition's number: the one after the key partitions */
  readonly graphPartition: number
  /** each namespace and side the keyed rules keep state by, once */
  readonly #keySides: { namespace: string; side: Direction; key: EntitySpec['key'] }[] = []

  constructor(
    readonly ruleset: CompiledRuleset,
    /** key partitions, at least 1 */
    readonly partitions: number,
  ) {
    if (!Number.isSafeInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`)
    const keyed: number[] = []
    const graph: number[] = []
    const seen = new Set<string>()
    ruleset.rules.forEach((rule, i) => {
      if (!rule.entity || rule.needs.graph) {
        graph.push(i)
        return
      }
      keyed.push(i)
      for (const side of rule.entity.perspectives) {
        const id = `${rule.entity.namespace}\u0000${side}`
        if (seen.has(id)) continue
        seen.add(id)
        this.#keySides.push({ namespace: rule.entity.namespace, side, key: rule.entity.key })
      }
    })
    this.keyedRules = keyed
    this.graphRules = graph
    this.graphPartition = partitions
  }

  /** every partition number: the key partitions, then the graph partition */
  get all(): number[] {
    return Array.from({ length: this.partitions + 1 }, (_p, i) => i)
  }

  /** the state keys the keyed rules keep for this transfer ("id:ACC-1", ...), without repeats */
  keysOf(record: TransferRecord): string[] {
    const views = viewsOf({ record, ts: 0, amountMinor: 0 } satisfies TransferContext)
    const keys = new Set<string>()
    for (const { namespace, side, key } of this.#keySides) {
      const k = key(views[side])
      if (k !== undefined) keys.add(`${namespace}:${k}`)
    }
    return [...keys]
  }

  /** the key partitions a transfer must be sent to, ascending, without the graph partition (which gets every transfer) */
  keyPartitionsOf(record: TransferRecord): number[] {
    const parts = new Set<number>()
    for (const k of this.keysOf(record)) parts.add(partitionOfKey(k, this.partitions))
    return [...parts].sort((a, b) => a - b)
  }

  /** the keys of this transfer that `partition` owns */
  ownedKeys(record: TransferRecord, partition: number): Set<string> {
    const owned = new Set<string>()
    for (const k of this.keysOf(record)) if (partitionOfKey(k, this.partitions) === partition) owned.add(k)
    return owned
  }
}
