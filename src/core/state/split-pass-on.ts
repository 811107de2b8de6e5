import type { GraphNode } from './graph.ts'
import { similar, type FanFound } from './graph-walks.ts'

export interface SplitPassOnSearch {
  /** the look-back for the account's habits: (windowStart, periodStart] */
  windowStart: number
  /** the period: the parts and the transfers they pass on are inside (periodStart, ts] */
  periodStart: number
  ts: number
  /** this transfer's amount, one of the parts */
  amount: number
  /** how near the parts must be to one another (a sum divided, then rounded) */
  tolerance: number
  /** a payment of the look-back within `same` of the part makes the split a habit */
  same: number
  /** the parts' total is between these shares of the transfers in that they pass on */
  minKept: number
  maxKept: number
  /** only for an account seen paying in the look-back (one without a look-back has no habit to break) */
  knownOnly: boolean
  /** parts count only to payees the account did not pay in the look-back */
  newPayees: boolean
  /** the latest transfers in considered, at most */
  maxInflows: number
  evidence: number
}

/**
 * A split pass-through: the account paid several payees the same part (this transfer's amount) inside the period,
 * a sum it did not pay in the look-back before, and the parts add up to between minKept and maxKept of some of the
 * transfers it received in the period before the first part, from others than those payees. This is the hub of
 * AMLSim's gather-scatter (payers, then the total less the margin in equal parts) and the middle layer of its
 * stack (what it got, less the margin, split among the next layer). `knownOnly` and `newPayees` keep out an
 * account's first weeks and its regular payees. The count is the parts (0 when no set of transfers in adds up).
 */
export function splitPassOn(node: GraphNode, s: SplitPassOnSearch): FanFound {
  const parts = new Map<GraphNode, { t: number; amount: number; id: string }>()
  const paidBefore = new Set<GraphNode>()
  for (let i = node.ts.length - 1; i >= 0; i--) {
    const t = node.ts[i]!
    if (t > s.ts) continue
    if (t <= s.windowStart) break
    if (t <= s.periodStart) {
      // the same sum paid before the period: the account's habit, not a split
      if (similar(node.amount[i]!, s.amount, s.same)) return { parties: 0, transfers: [] }
      paidBefore.add(node.to[i]!)
      continue
    }
    if (!similar(node.amount[i]!, s.amount, s.tolerance)) continue
    const payee = node.to[i]!
    if (payee !== node && !parts.has(payee)) parts.set(payee, { t, amount: node.amount[i]!, id: node.id[i]! })
  }
  if (s.knownOnly && paidBefore.size === 0) return { parties: 0, transfers: [] }
  if (s.newPayees) for (const payee of paidBefore) parts.delete(payee)
  if (parts.size < 2 || !node.ins) return { parties: 0, transfers: [] }
  let total = 0
  let first = s.ts
  for (const p of parts.values()) {
    total += p.amount
    first = Math.min(first, p.t)
  }
  // the transfers in that the parts could pass on: in the period, before the first part, from others
  const ins = node.ins
  const amounts: number[] = []
  const ids: string[] = []
  for (let j = ins.ts.length - 1; j >= 0 && amounts.length < s.maxInflows; j--) {
    const t = ins.ts[j]!
    if (t > first) continue
    if (t <= s.periodStart) break
    if (parts.has(ins.from[j]!) || ins.from[j] === node) continue
    amounts.push(ins.amount[j]!)
    ids.push(ins.id[j]!)
  }
  const low = total / s.maxKept
  const high = total / s.minKept
  const chosen = subsetBetween(amounts, low, high)
  if (!chosen) return { parties: 0, transfers: [] }
  const transfers = [...chosen.map((k) => ids[k]!), ...[...parts.values()].map((p) => p.id)].slice(0, s.evidence)
  return { parties: parts.size, transfers }
}

/** indices of some of `amounts` whose sum is in [low, high], or undefined (a bounded depth-first search) */
function subsetBetween(amounts: readonly number[], low: number, high: number): number[] | undefined {
  const order = amounts.map((_, i) => i).sort((a, b) => amounts[b]! - amounts[a]!)
  const picked: number[] = []
  const dfs = (from: number, sum: number): boolean => {
    if (sum >= low && sum <= high && picked.length > 0) return true
    for (let k = from; k < order.length; k++) {
      const next = sum + amounts[order[k]!]!
      if (next > high) continue
      picked.push(order[k]!)
      if (dfs(k + 1, next)) return true
      picked.pop()
    }
    return false
  }
  return dfs(0, 0) ? picked : undefined
}
