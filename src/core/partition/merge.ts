import type { TransferRecord } from '../record/schema.ts'
import type { CompiledRuleset } from '../rules/compiled.ts'
import { soleHits } from '../screen/merge-hits.ts'
import type { Hit } from '../screen/verdict.ts'
import { viewsOf } from '../screen/view.ts'

/**
 * Merges one transfer's hits from the partitions it was sent to into the order one screener gives: by rule
 * in ruleset order, and within a rule the sender's side before the receiver's. Partitions answer for
 * different keys, so a party rule's two sides may come from two partitions; the side of a hit is told by
 * its evidence's entity key. Order the parts by partition number: hits that tie come from one partition and
 * keep its order. Feed each partition's answer once (merge by transfer id, drop repeats before calling).
 */
export function partitionHitMerger(ruleset: CompiledRuleset): (record: TransferRecord, parts: readonly Hit[][]) => Hit[] {
  const index = new Map(ruleset.rules.map((r, i) => [r.id, i]))
  return (record, parts) => {
    const only = soleHits(parts)
    if (only) return only
    const views = viewsOf({ record, ts: 0, amountMinor: 0 })
    const order = (h: Hit): number => {
      const i = index.get(h.rule)!
      const entity = ruleset.rules[i]!.entity
      // the in side ranks after the out side; a rule without an entity or seen from one side has one rank
      let side = 0
      if (entity && entity.perspectives.length > 1 && h.evidence.entity !== `${entity.namespace}:${entity.key(views.out)}`) side = 1
      return i * 2 + side
    }
    const all = parts.flat()
    const ranks = new Map(all.map((h) => [h, order(h)]))
    // sort is stable: hits of equal rank come from one partition, in its order
    return all.sort((a, b) => ranks.get(a)! - ranks.get(b)!)
  }
}
