/**
 * A party in the transfer graph: its outgoing transfers inside the window, in time order. Edges point at
 * nodes, not at party ids, so a search walks the graph without a map lookup per step.
 */
class GraphNode {
  to: GraphNode[] = []
  ts: number[] = []
  amount: number[] = []
  id: string[] = []
  /** edges pointing here: while any is left the node must stay the party's one node, even with no edges out */
  inbound = 0
  /** the search that has this node on its current path */
  onPath = 0
  /** time of the latest edge out: a search arriving later can stop here without reading the edges */
  lastOut = Number.NEGATIVE_INFINITY
}

export interface CycleSearch {
  maxHops: number
  minHops: number
  maxVisits: number
  /** each hop passes on at least this share of the previous hop's amount (and at most its inverse) */
  minKept: number
}

export interface CycleFound {
  hops: number
  /** the transfers around the cycle, in time order, ending with the closing one */
  transfers: string[]
}

/** Transfers as time-stamped edges between parties, kept for one window, for bounded cycle search. */
export class TransferGraph {
  private readonly byParty = new Map<string, GraphNode>()
  private searches = 0

  constructor(
    private readonly windowMs: number,
    private readonly latenessMs: number,
  ) {}

  /** parties with edges out or in */
  get nodes(): number {
    return this.byParty.size
  }

  add(from: string, to: string, ts: number, amount: number, id: string): void {
    const node = this.node(from)
    const target = this.node(to)
    this.prune(node, ts)
    target.inbound++
    // edges stay in time order (a late transfer is placed), so searches can skip to a time by bisection
    let at = node.ts.length
    while (at > 0 && node.ts[at - 1]! > ts) at--
    if (node.ts.length === 0) {
      // a party's first edge out gets arrays of exactly one: most parties of a large population send once or
      // twice in a window, and an array grown by push reserves 17 slots
      node.to = [target]
      node.ts = [ts]
      node.amount = [amount]
      node.id = [id]
      node.lastOut = ts
    } else if (at === node.ts.length) {
      node.to.push(target)
      node.ts.push(ts)
      node.amount.push(amount)
      node.id.push(id)
      node.lastOut = ts
    } else {
      node.to.splice(at, 0, target)
      node.ts.splice(at, 0, ts)
      node.amount.splice(at, 0, amount)
      node.id.splice(at, 0, id)
    }
  }

  /**
   * A cycle closed by the transfer from → to at `ts`: a time-ordered path to → … → from inside the
   * window, found depth-first within a budget of edge visits so a busy hub cannot stall screening.
   */
  findCycle(from: string, to: string, ts: number, amount: number, search: CycleSearch): CycleFound | undefined {
    const first = this.byParty.get(to)
    const goal = this.byParty.get(from)
    // nobody paid `from` inside the window: no path can come back to it
    if (!first || !goal || goal.inbound === 0) return undefined
    const start = ts - this.windowMs
    const mark = ++this.searches
    let budget = search.maxVisits
    const pathIds: string[] = []

    const okAmount = (prev: number, next: number) =>
      search.minKept <= 0 || (next >= prev * search.minKept && next * search.minKept <= prev)

    const dfs = (node: GraphNode, after: number, prevAmount: number): boolean => {
      const times = node.ts
      for (let i = firstAtOrAfter(times, after); i < times.length; i++) {
        if (--budget < 0) return false
        const t = times[i]!
        if (t > ts) break
        if (t <= start) continue
        const next = node.to[i]!
        const amt = node.amount[i]!
        if (prevAmount > 0 && !okAmount(prevAmount, amt)) continue
        const hops = pathIds.length + 2
        if (next === goal) {
          // the closing transfer must also fit the amount chain
          if (hops >= search.minHops && okAmount(amt, amount)) {
            pathIds.push(node.id[i]!)
            return true
          }
          continue
        }
        // a party with no transfer out since t is a dead end (most are, late in the window): skip it unread
        if (hops >= search.maxHops || next.onPath === mark || next.lastOut < t) continue
        next.onPath = mark
        pathIds.push(node.id[i]!)
        if (dfs(next, t, amt)) return true
        pathIds.pop()
        next.onPath = 0
      }
      return false
    }

    // a found cycle leaves its path marked: harmless, as the next search has its own mark
    first.onPath = mark
    const found = dfs(first, start, 0)
    first.onPath = 0
    if (!found) return undefined
    return { hops: pathIds.length + 1, transfers: [...pathIds] }
  }

  /** drops edges that left the window, and parties with no edges either way */
  sweep(now: number): void {
    for (const node of this.byParty.values()) this.prune(node, now)
    for (const [party, node] of this.byParty) if (node.ts.length === 0 && node.inbound === 0) this.byParty.delete(party)
  }

  private node(party: string): GraphNode {
    let node = this.byParty.get(party)
    if (!node) {
      node = new GraphNode()
      this.byParty.set(party, node)
    }
    return node
  }

  private prune(node: GraphNode, now: number): void {
    const keepFrom = now - this.windowMs - this.latenessMs
    let n = 0
    while (n < node.ts.length && node.ts[n]! <= keepFrom) node.to[n++]!.inbound--
    if (n === 0) return
    if (n === node.ts.length) node.lastOut = Number.NEGATIVE_INFINITY
    node.to.splice(0, n)
    node.ts.splice(0, n)
    node.amount.splice(0, n)
    node.id.splice(0, n)
  }
}

/**
 * The first index whose time is at or after t (times are in order). A search steps to later and later times, so
 * the answer is usually near the end: it is looked for from the end, 1, 2, 4, ... back, then bisected, so the few
 * times read are mostly in the last cache line or two rather than spread over the array.
 */
function firstAtOrAfter(times: readonly number[], t: number): number {
  let hi = times.length
  let step = 1
  while (hi - step >= 0 && times[hi - step]! >= t) {
    hi -= step
    step *= 2
  }
  // times[hi] (if any) is at or after t; everything before hi - step is before it
  let lo = Math.max(0, hi - step + 1)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
