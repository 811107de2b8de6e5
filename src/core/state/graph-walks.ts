import type { GraphNode, TransferGraph } from './graph.ts'

/**
 * Bounded walks over the transfer graph for the fan, chain and scatter-gather measures. Each reads only the
 * edges inside (start, ts] and gives up after a budget of edge visits, so a busy hub cannot stall screening.
 */

/** amounts that conserve value: `next` is between (1 - loss) and (1 + gain) times `prev` */
export function conserves(prev: number, next: number, loss: number, gain: number): boolean {
  return next >= prev * (1 - loss) && next <= prev * (1 + gain)
}

/** two amounts within a relative tolerance of the larger */
export function similar(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(a, b)
}

export interface FanFound {
  parties: number
  transfers: string[]
}

/** a fan's counterparties, and every transfer with them (a burst of payments to new payees counts each payment) */
export interface FanCount extends FanFound {
  sent: number
}

/**
 * Distinct counterparties on one side of a party inside (start, ts] whose transfer is within `tolerance` of
 * `amount` (any amount when tolerance is undefined): payers from the incoming edges, payees from the outgoing.
 * With `newSince`, only counterparties whose first transfer inside the window came after it: new ones.
 */
export function fanCount(
  graph: TransferGraph,
  node: GraphNode,
  direction: 'in' | 'out',
  start: number,
  ts: number,
  amount: number,
  tolerance: number | undefined,
  evidence: number,
  newSince = Number.NEGATIVE_INFINITY,
): FanCount {
  const transfers: string[] = []
  if (direction === 'in' && !graph.options.inbound) return { parties: 0, transfers, sent: 0 }
  const edges = direction === 'in' ? graph.ins : graph.out
  // per counterparty: whether it is known from before newSince, and its first matching transfer and their number
  const known = new Set<GraphNode>()
  const matched = new Map<GraphNode, string>()
  const times = new Map<GraphNode, number>()
  for (let i = edges.at[node]!, end = i + edges.len[node]!; i < end; i++) {
    const t = edges.ts[i]!
    if (t > ts || t <= start) continue
    const other = edges.peer[i]!
    if (t <= newSince) {
      known.add(other)
      continue
    }
    if (tolerance !== undefined && !similar(edges.amount[i]!, amount, tolerance)) continue
    if (!matched.has(other)) matched.set(other, edges.id[i]!)
    times.set(other, (times.get(other) ?? 0) + 1)
  }
  let parties = 0
  let sent = 0
  for (const [other, id] of matched) {
    if (known.has(other)) continue
    parties++
    sent += times.get(other)!
    if (transfers.length < evidence) transfers.push(id)
  }
  return { parties, transfers, sent }
}

export interface ChainSearch {
  maxHops: number
  maxVisits: number
  maxLoss: number
  maxGain: number
  /** the longest pause between a transfer in and the transfer that passes it on */
  maxGapMs: number
}

export interface ChainFound {
  hops: number
  /** the chain's earlier transfers, oldest first (the transfer being screened is not among them) */
  transfers: string[]
}

/**
 * The longest chain of transfers that ends with the one from `node` at `ts` of `amount`: each earlier hop
 * paid the party that passed it on, no more than maxGap before, and the amount was conserved within the loss
 * and gain allowed. Parties do not repeat on a chain.
 */
export function longestChain(graph: TransferGraph, node: GraphNode, start: number, ts: number, amount: number, search: ChainSearch): ChainFound {
  let budget = search.maxVisits
  let best: string[] = []
  const path: string[] = []
  const onPath = new Set<GraphNode>([node])
  const ins = graph.ins

  const walk = (at: GraphNode, before: number, passedOn: number): void => {
    if (path.length > best.length) best = [...path]
    if (path.length + 1 >= search.maxHops) return
    if (graph.inCount(at) === 0) return
    const from = Math.max(start, before - search.maxGapMs)
    const first = ins.at[at]!
    for (let i = first + ins.len[at]! - 1; i >= first && budget > 0; i--) {
      budget--
      const t = ins.ts[i]!
      if (t > before) continue
      if (t < from) break
      const payer = ins.peer[i]!
      if (onPath.has(payer) || !conserves(ins.amount[i]!, passedOn, search.maxLoss, search.maxGain)) continue
      onPath.add(payer)
      path.push(ins.id[i]!)
      walk(payer, t, ins.amount[i]!)
      path.pop()
      onPath.delete(payer)
      if (best.length + 1 >= search.maxHops) return
    }
  }
  walk(node, ts, amount)
  return { hops: best.length + 1, transfers: best.reverse() }
}

export interface ScatterGatherSearch {
  maxVisits: number
  maxLoss: number
  maxGain: number
  /** each intermediate paid on after it was paid */
  ordered: boolean
}

/**
 * Scatter-gather closed at `receiver`: the most intermediates one origin paid inside (start, ts] that each paid
 * `receiver` on, conserving the amount, counted among the receiver's incoming transfers (the one being
 * screened included). The transfers of the best origin are the evidence.
 */
export function scatterGather(graph: TransferGraph, receiver: GraphNode, start: number, ts: number, search: ScatterGatherSearch, evidence: number): FanFound {
  const ins = graph.ins
  const byOrigin = new Map<GraphNode, { mids: Set<GraphNode>; transfers: string[] }>()
  let budget = search.maxVisits
  let best: { mids: Set<GraphNode>; transfers: string[] } | undefined
  if (graph.inCount(receiver) === 0) return { parties: 0, transfers: [] }
  const first = ins.at[receiver]!
  for (let i = first + ins.len[receiver]! - 1; i >= first && budget > 0; i--) {
    const t = ins.ts[i]!
    if (t > ts || t <= start) continue
    const mid = ins.peer[i]!
    if (graph.inCount(mid) === 0 || mid === receiver) continue
    const midFirst = ins.at[mid]!
    for (let j = midFirst + ins.len[mid]! - 1; j >= midFirst && budget > 0; j--) {
      budget--
      const u = ins.ts[j]!
      if (u <= start || u > ts || (search.ordered && u > t)) continue
      const origin = ins.peer[j]!
      if (origin === receiver || origin === mid) continue
      if (!conserves(ins.amount[j]!, ins.amount[i]!, search.maxLoss, search.maxGain)) continue
      let entry = byOrigin.get(origin)
      if (!entry) byOrigin.set(origin, (entry = { mids: new Set(), transfers: [] }))
      if (entry.mids.has(mid)) continue
      entry.mids.add(mid)
      if (entry.transfers.length < evidence) entry.transfers.push(ins.id[j]!, ins.id[i]!)
      if (!best || entry.mids.size > best.mids.size) best = entry
    }
  }
  return best ? { parties: best.mids.size, transfers: best.transfers } : { parties: 0, transfers: [] }
}
