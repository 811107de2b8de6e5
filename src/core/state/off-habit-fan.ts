import type { EdgeLists } from './edge-lists.ts'
import type { GraphNode, TransferGraph } from './graph.ts'
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
  /**
   * `all` (for `in` only): a payer's habits are all its other payments in (windowStart, ts], the burst included,
   * not only those before the burst: a payer that pays its usual sum elsewhere during the fan shows its habit too
   */
  habit?: 'lookback' | 'all'
  /** the current transfer's id: when set, the fan counts only if this transfer is itself one of the fan */
  selfId?: string
  evidence: number
}

/**
 * A fan of alike transfers whose sums are not the payer's habit: distinct counterparties of the party (payers for
 * `in`, payees for `out`) paid in the burst within `tolerance` of this amount, counted when the one who paid (the
 * payer for `in`, the party itself for `out`) paid no sum within `same` of it in the look-back before the burst.
 * A standing order, a payroll or a customer paying its usual sum repeats its sums; a planned fan moves sums its
 * payers did not move before.
 */
export function offHabitFan(graph: TransferGraph, node: GraphNode, s: OffHabitSearch): FanFound {
  const transfers: string[] = []
  if (s.direction === 'in' && graph.inCount(node) === 0) return { parties: 0, transfers }
  const edges = s.direction === 'in' ? graph.ins : graph.out
  if (s.selfId !== undefined && !selfCounts(graph, node, edges, s.selfId, s)) return { parties: 0, transfers }
  const counted = new Set<GraphNode>()
  for (let i = edges.at[node]!, end = i + edges.len[node]!; i < end; i++) {
    const t = edges.ts[i]!
    if (t > s.ts || t <= s.burstStart) continue
    const other = edges.peer[i]!
    const amount = edges.amount[i]!
    if (counted.has(other) || !similar(amount, s.amount, s.tolerance)) continue
    if (!offHabit(graph, s.direction === 'in' ? other : node, amount, edges.id[i]!, s)) continue
    counted.add(other)
    if (transfers.length < s.evidence) transfers.push(edges.id[i]!)
  }
  return { parties: counted.size, transfers }
}

/** whether the current transfer (newest edge of that id) is itself off its payer's habit */
function selfCounts(graph: TransferGraph, node: GraphNode, edges: EdgeLists, selfId: string, s: OffHabitSearch): boolean {
  const first = edges.at[node]!
  for (let i = first + edges.len[node]! - 1; i >= first; i--) {
    if (edges.id[i] !== selfId) continue
    return offHabit(graph, s.direction === 'in' ? edges.peer[i]! : node, edges.amount[i]!, selfId, s)
  }
  return false
}

function offHabit(graph: TransferGraph, payer: GraphNode, amount: number, id: string, s: OffHabitSearch): boolean {
  const habit = habitOf(graph, payer, amount, id, s)
  return habit === 'off' || (habit === 'unknown' && !s.knownOnly)
}

/** whether the payer paid a sum within `same` of `amount` in its habit span, or paid nothing there at all */
function habitOf(graph: TransferGraph, payer: GraphNode, amount: number, id: string, s: OffHabitSearch): 'habitual' | 'off' | 'unknown' {
  const end = s.habit === 'all' ? s.ts : s.burstStart
  const out = graph.out
  let known = false
  // out-edges are in time order: stop at the end of the habit span
  for (let j = out.at[payer]!, last = j + out.len[payer]!; j < last; j++) {
    const t = out.ts[j]!
    if (t > end) break
    if (t <= s.windowStart || out.id[j] === id) continue
    known = true
    if (similar(out.amount[j]!, amount, s.same)) return 'habitual'
  }
  return known ? 'off' : 'unknown'
}
