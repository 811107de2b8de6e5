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
  /**
   * `all` (for `in` only): a payer's habits are all its other payments in (windowStart, ts], the burst included,
   * not only those before the burst: a payer that pays its usual sum elsewhere during the fan shows its habit too
   */
  habit?: 'lookback' | 'all'
  /** the current transfer's id: when set, the fan counts only if this transfer is itself one of the fan */
  selfId?: string
  evidence: number
}

interface Edges {
  from: GraphNode[]
  ts: number[]
  amount: number[]
  id: string[]
}

/**
 * A fan of alike transfers whose sums are not the payer's habit: distinct counterparties of the party (payers for
 * `in`, payees for `out`) paid in the burst within `tolerance` of this amount, counted when the one who paid (the
 * payer for `in`, the party itself for `out`) paid no sum within `same` of it in the look-back before the burst.
 * A standing order, a payroll or a customer paying its usual sum repeats its sums; a planned fan moves sums its
 * payers did not move before.
 */
export function offHabitFan(node: GraphNode, s: OffHabitSearch): FanFound {
  const edges: Edges | undefined =
    s.direction === 'in' ? node.ins : { from: node.to, ts: node.ts, amount: node.amount, id: node.id }
  const transfers: string[] = []
  if (!edges) return { parties: 0, transfers }
  if (s.selfId !== undefined && !selfCounts(node, edges, s.selfId, s)) return { parties: 0, transfers }
  const counted = new Set<GraphNode>()
  for (let i = 0; i < edges.ts.length; i++) {
    const t = edges.ts[i]!
    if (t > s.ts || t <= s.burstStart) continue
    const other = edges.from[i]!
    const amount = edges.amount[i]!
    if (counted.has(other) || !similar(amount, s.amount, s.tolerance)) continue
    if (!offHabit(s.direction === 'in' ? other : node, amount, edges.id[i]!, s)) continue
    counted.add(other)
    if (transfers.length < s.evidence) transfers.push(edges.id[i]!)
  }
  return { parties: counted.size, transfers }
}

/** whether the current transfer (newest edge of that id) is itself off its payer's habit */
function selfCounts(node: GraphNode, edges: Edges, selfId: string, s: OffHabitSearch): boolean {
  for (let i = edges.id.length - 1; i >= 0; i--) {
    if (edges.id[i] !== selfId) continue
    return offHabit(s.direction === 'in' ? edges.from[i]! : node, edges.amount[i]!, selfId, s)
  }
  return false
}

function offHabit(payer: GraphNode, amount: number, id: string, s: OffHabitSearch): boolean {
  const habit = habitOf(payer, amount, id, s)
  return habit === 'off' || (habit === 'unknown' && !s.knownOnly)
}

/** whether the payer paid a sum within `same` of `amount` in its habit span, or paid nothing there at all */
function habitOf(payer: GraphNode, amount: number, id: string, s: OffHabitSearch): 'habitual' | 'off' | 'unknown' {
  const end = s.habit === 'all' ? s.ts : s.burstStart
  let known = false
  // out-edges are in time order: stop at the end of the habit span
  for (let j = 0; j < payer.ts.length; j++) {
    const t = payer.ts[j]!
    if (t > end) break
    if (t <= s.windowStart || payer.id[j] === id) continue
    known = true
    if (similar(payer.amount[j]!, amount, s.same)) return 'habitual'
  }
  return known ? 'off' : 'unknown'
}
