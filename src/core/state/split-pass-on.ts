import type { GraphNode, TransferGraph } from './graph.ts'
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
  /** `all`: the parts pass on all the transfers in considered, not some of them (default `some`) */
  inflows?: 'some' | 'all'
  /** consider only transfers in whose payer paid no other sum within `same` of it in (windowStart, ts] */
  payersOffHabit?: boolean
  /** the transfers in considered come from at least this many payers (default 1) */
  minPayers?: number
  /** the account received nothing after the first part: the gather was over when the split began */
  closed?: boolean
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
export function splitPassOn(graph: TransferGraph, node: GraphNode, s: SplitPassOnSearch): FanFound {
  const out = graph.out
  const parts = new Map<GraphNode, { t: number; amount: number; id: string }>()
  const paidBefore = new Set<GraphNode>()
  const start = out.at[node]!
  for (let i = start + out.len[node]! - 1; i >= start; i--) {
    const t = out.ts[i]!
    if (t > s.ts) continue
    if (t <= s.windowStart) break
    if (t <= s.periodStart) {
      // the same sum paid before the period: the account's habit, not a split
      if (similar(out.amount[i]!, s.amount, s.same)) return { parties: 0, transfers: [] }
      paidBefore.add(out.peer[i]!)
      continue
    }
    if (!similar(out.amount[i]!, s.amount, s.tolerance)) continue
    const payee = out.peer[i]!
    if (payee !== node && !parts.has(payee)) parts.set(payee, { t, amount: out.amount[i]!, id: out.id[i]! })
  }
  if (s.knownOnly && paidBefore.size === 0) return { parties: 0, transfers: [] }
  if (s.newPayees) for (const payee of paidBefore) parts.delete(payee)
  if (parts.size < 2 || graph.inCount(node) === 0) return { parties: 0, transfers: [] }
  let total = 0
  let first = s.ts
  for (const p of parts.values()) {
    total += p.amount
    first = Math.min(first, p.t)
  }
  // the transfers in that the parts could pass on: in the period, before the first part, from others
  const ins = graph.ins
  const inFirst = ins.at[node]!
  const amounts: number[] = []
  const ids: string[] = []
  const payers = new Set<GraphNode>()
  for (let j = inFirst + ins.len[node]! - 1; j >= inFirst && amounts.length < s.maxInflows; j--) {
    const t = ins.ts[j]!
    if (t > first) {
      if (s.closed && t <= s.ts) return { parties: 0, transfers: [] }
      continue
    }
    if (t <= s.periodStart) break
    const payer = ins.peer[j]!
    if (parts.has(payer) || payer === node) continue
    if (s.payersOffHabit && paysHabitually(graph, payer, ins.amount[j]!, ins.id[j]!, s)) continue
    amounts.push(ins.amount[j]!)
    ids.push(ins.id[j]!)
    payers.add(payer)
  }
  if (payers.size < (s.minPayers ?? 1)) return { parties: 0, transfers: [] }
  const low = total / s.maxKept
  const high = total / s.minKept
  const chosen = s.inflows === 'all' ? allBetween(amounts, low, high) : subsetBetween(amounts, low, high)
  if (!chosen) return { parties: 0, transfers: [] }
  const transfers = [...chosen.map((k) => ids[k]!), ...[...parts.values()].map((p) => p.id)].slice(0, s.evidence)
  return { parties: parts.size, transfers }
}

/** whether the payer paid another sum within `same` of this one in (windowStart, ts]: its usual payment */
function paysHabitually(graph: TransferGraph, payer: GraphNode, amount: number, id: string, s: SplitPassOnSearch): boolean {
  const out = graph.out
  for (let j = out.at[payer]!, end = j + out.len[payer]!; j < end; j++) {
    const t = out.ts[j]!
    if (t > s.ts) break
    if (t <= s.windowStart || out.id[j] === id) continue
    if (similar(out.amount[j]!, amount, s.same)) return true
  }
  return false
}

/** all indices of `amounts` when their sum is in [low, high], or undefined */
function allBetween(amounts: readonly number[], low: number, high: number): number[] | undefined {
  const sum = amounts.reduce((a, b) => a + b, 0)
  return amounts.length > 0 && sum >= low && sum <= high ? amounts.map((_, i) => i) : undefined
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
