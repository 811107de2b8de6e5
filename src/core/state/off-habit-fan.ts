import type { GraphNode } from './graph.ts'
import { similar, type FanFound } from './graph-walks.ts'

export interface OffHabitSearch {
  direction: 'in' | 'out'
  /** start of the look-back: the payer's habits are its payments in (windowStart, burstStart] */
  windowStart: number
  /** start of the burst: the fan is the transfers in (burstStart, ts] */
  burstStart: number
  ts: number
  /** this transfer's amount: the fan counts transfers within `tolerance` of it */
  amount: number
  tolerance: number
  /** a payment of the payer's look-back within `same` of a fan transfer makes that transfer habitual */
  same: number
  /** count only transfers whose payer paid anyone in the look-back (its habits are known) */
  knownOnly: boolean
  evidence: number
}

/**
 * A fan of alike transfers whose sums are not the payer's habit: distinct counterparties of the party (payers for
 * `in`, payees for `out`) paid in the burst within `tolerance` of this amount, counted when the one who paid (the
 * payer for `in`, the party itself for `out`) paid no sum within `same` of it in the look-back before the burst.
 * A standing order, a payroll or a customer paying its usual sum repeats its sums; a planned fan moves sums its
 * payers did not move before.
 */
export function offHabitFan(node: GraphNode, s: OffHabitSearch): FanFound {
  const edges =
    s.direction === 'in' ? node.ins : { from: node.to, ts: node.ts, amount: node.amount, id: node.id }
  const transfers: string[] = []
  if (!edges) return { parties: 0, transfers }
  const counted = new Set<GraphNode>()
  for (let i = 0; i < edges.ts.length; i++) {
    const t = edges.ts[i]!
    if (t > s.ts || t <= s.burstStart) continue
    const other = edges.from[i]!
    const amount = edges.amount[i]!
    if (counted.has(other) || !similar(amount, s.amount, s.tolerance)) continue
    const habit = habitOf(s.direction === 'in' ? other : node, amount, s)
    if (habit === 'habitual' || (habit === 'unknown' && s.knownOnly)) continue
    counted.add(other)
    if (transfers.length < s.evidence) transfers.push(edges.id[i]!)
  }
  return { parties: counted.size, transfers }
}

/** whether the payer paid a sum within `same` of `amount` in the look-back, or paid nothing there at all */
function habitOf(payer: GraphNode, amount: number, s: OffHabitSearch): 'habitual' | 'off' | 'unknown' {
  let known = false
  // out-edges are in time order: stop at the burst
  for (let j = 0; j < payer.ts.length; j++) {
    const t = payer.ts[j]!
    if (t > s.burstStart) break
    if (t <= s.windowStart) continue
    known = true
    if (similar(payer.amount[j]!, amount, s.same)) return 'habitual'
  }
  return known ? 'off' : 'unknown'
}
