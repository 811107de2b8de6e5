import type { GraphNode, TransferGraph } from './graph.ts'
import { similar, type FanFound } from './graph-walks.ts'

export interface SharedPayeesSearch {
  /** the payer's own burst: its payees paid within `burstMs` of this transfer, at much the same sum */
  burstMs: number
  /** the payer's look-back (for `newPayees`) starts here */
  windowStart: number
  /** co-payers are read back to here (the start of the layer's period); the look-back is before it */
  periodStart: number
  /** the payer's burst counts only payees it did not pay in the look-back (a family paying its members again) */
  newPayees: boolean
  ts: number
  /** this transfer's amount */
  amount: number
  /** how near the sums of one payer's burst must be to one another */
  tolerance: number
  /** payees a co-payer must share with the payer's burst */
  minShared: number
  maxVisits: number
  evidence: number
}

/**
 * One layer of a bipartite (many-to-many) transfer: the payer's burst of much the same sum to several payees, and
 * the other payers that paid at least `minShared` of those same payees much the same sum of their own in one
 * burst of theirs, inside the window. The count is the layer's payers, the payer included (1 when none shares).
 * A payroll, a supplier run or a family paying its members has one payer per set of payees; two payers each
 * paying the same several accounts a sum of their own in one go is the all-to-all layer of AMLSim's bipartite
 * and stack typologies.
 */
export function sharedPayees(graph: TransferGraph, payer: GraphNode, s: SharedPayeesSearch): FanFound {
  const { out, ins } = graph
  const transfers: string[] = []
  // the payer's burst: payees paid within burstMs before (or at) ts within tolerance of this amount
  const burst = new Map<GraphNode, string>()
  const paidBefore = new Set<GraphNode>()
  const first = out.at[payer]!
  for (let i = first + out.len[payer]! - 1; i >= first; i--) {
    const t = out.ts[i]!
    if (t > s.ts) continue
    if (t <= s.windowStart) break
    if (t <= s.periodStart) {
      if (!s.newPayees) break
      paidBefore.add(out.peer[i]!)
      continue
    }
    if (t < s.ts - s.burstMs) continue
    const payee = out.peer[i]!
    if (payee !== payer && !burst.has(payee) && similar(out.amount[i]!, s.amount, s.tolerance)) burst.set(payee, out.id[i]!)
  }
  for (const payee of paidBefore) burst.delete(payee)
  if (burst.size < s.minShared) return { parties: 1, transfers }
  // per other payer of those payees: its transfers to them (time, amount, id), one per payee
  const byPayer = new Map<GraphNode, { payee: GraphNode; t: number; amount: number; id: string }[]>()
  let budget = s.maxVisits
  for (const payee of burst.keys()) {
    if (graph.inCount(payee) === 0) continue
    const inFirst = ins.at[payee]!
    for (let j = inFirst + ins.len[payee]! - 1; j >= inFirst && budget > 0; j--, budget--) {
      const t = ins.ts[j]!
      if (t > s.ts) continue
      if (t <= s.periodStart) break
      const other = ins.peer[j]!
      if (other === payer || other === payee) continue
      let list = byPayer.get(other)
      if (!list) byPayer.set(other, (list = []))
      if (!list.some((e) => e.payee === payee)) list.push({ payee, t, amount: ins.amount[j]!, id: ins.id[j]! })
    }
  }
  let parties = 1
  for (const list of byPayer.values()) {
    if (list.length < s.minShared) continue
    // the co-payer's own burst: payees it paid within burstMs and tolerance of one of its transfers
    const shared = list.find((ref) => list.filter((e) => Math.abs(e.t - ref.t) <= s.burstMs && similar(e.amount, ref.amount, s.tolerance)).length >= s.minShared)
    if (!shared) continue
    parties++
    for (const e of list) {
      if (transfers.length >= s.evidence) break
      if (Math.abs(e.t - shared.t) <= s.burstMs && similar(e.amount, shared.amount, s.tolerance)) transfers.push(e.id)
    }
  }
  if (parties > 1) for (const id of burst.values()) if (transfers.length < s.evidence) transfers.push(id)
  return { parties, transfers }
}
