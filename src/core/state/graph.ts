/**
 * A party in the transfer graph: its outgoing transfers inside the window, in time order. Edges point at
 * nodes, not at party ids, so a search walks the graph without a map lookup per step.
 */
export class GraphNode {
  // a node without edges out (most receivers of a large population) shares these empty arrays: add() gives a
  // node its own arrays with its first edge, and nothing else writes to an empty one
  to: GraphNode[] = NO_NODES
  ts: number[] = NO_NUMBERS
  amount: number[] = NO_NUMBERS
  id: string[] = NO_IDS
  /** transfers into the party, in arrival order (kept only when a measure reads them; see GraphOptions) */
  ins?: InEdges
  /** edges pointing here: while any is left the node must stay the party's one node, even with no edges out */
  inbound = 0
  /** the search that has this node on its current path */
  onPath = 0
  /** time of the latest edge out: a search arriving later can stop here without reading the edges */
  lastOut = Number.NEGATIVE_INFINITY
}

const NO_NODES: GraphNode[] = []
const NO_NUMBERS: number[] = []
const NO_IDS: string[] = []

/** transfers into a party: payer, time, amount, id; in time order except for late arrivals */
export interface InEdges {
  from: GraphNode[]
  ts: number[]
  amount: number[]
  id: string[]
}

export interface GraphOptions {
  /** keep each party's incoming transfers too (fan-in, scatter-gather and chain measures read them) */
  inbound: boolean
  /** edges kept per party each way; past it the oldest goes, so one busy hub's state stays bounded */
  maxEdges: number
}

export const DEFAULT_GRAPH_OPTIONS: GraphOptions = { inbound: false, maxEdges: Number.POSITIVE_INFINITY }

export interface CycleSearch {
  maxHops: number
  minHops: number
  maxVisits: number
  /** each hop passes on at least this share of the previous hop's amount (and at most its inverse) */
  minKept: number
  /**
   * amount conservation, when set: each hop carries between (1 - maxLoss) and (1 + maxGain) times the previous
   * one (for an unordered search, whose hops have no direction in time, within that band either way)
   */
  maxLoss?: number
  maxGain?: number
  /** false: the hops may come in any order inside the window, not each after the previous */
  ordered?: boolean
  /** the longest pause between one hop and the next (ordered searches only) */
  maxGapMs?: number
  /**
   * conservation read in time order instead of ring order (unordered searches): the hops, sorted by time (give or
   * take slackMs), each carry at least (1 - maxLoss) of the one before and no more, as one running sum paid on hop
   * after hop wherever it stands on the ring; while searching, every hop is within `maxSpread` times the closing one either way
   */
  timeOrderedAmounts?: boolean
  maxSpread?: number
  /** hops this close in time may come in either order (a day's transfers recorded in any order) */
  slackMs?: number
}

export interface CycleFound {
  hops: number
  /** the transfers around the cycle, in time order, ending with the closing one */
  transfers: string[]
}

/** A node as plain data: its edges' targets and payers as node numbers, its arrays as they are (not copies). */
export interface GraphNodeSnapshot {
  to: number[]
  ts: number[]
  amount: number[]
  id: string[]
  ins?: { from: number[]; ts: number[]; amount: number[]; id: string[] }
  inbound: number
  lastOut: number
}

/**
 * A transfer graph as plain data (state snapshots): the nodes by number, first the parties' in party order,
 * then those only an incoming edge still names (a party dropped and seen again has a new node; searches tell
 * nodes apart by identity, so the old one stays distinct). It shares the graph's arrays: serialise it before
 * the graph changes again.
 */
export interface TransferGraphSnapshot {
  parties: string[]
  nodes: GraphNodeSnapshot[]
}

/** Transfers as time-stamped edges between parties, kept for one window, for bounded cycle search. */
export class TransferGraph {
  private readonly byParty = new Map<string, GraphNode>()
  private searches = 0

  constructor(
    private readonly windowMs: number,
    private readonly latenessMs: number,
    readonly options: GraphOptions = DEFAULT_GRAPH_OPTIONS,
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
    if (node.ts.length > this.options.maxEdges) this.dropOldest(node, node.ts.length - this.options.maxEdges)
    if (this.options.inbound) this.addInbound(node, target, ts, amount, id)
  }

  /** the party's node, if it has edges either way */
  get(party: string): GraphNode | undefined {
    return this.byParty.get(party)
  }

  get windowLength(): number {
    return this.windowMs
  }

  private addInbound(from: GraphNode, target: GraphNode, ts: number, amount: number, id: string): void {
    const e = (target.ins ??= { from: [], ts: [], amount: [], id: [] })
    pruneInbound(e, ts - this.windowMs - this.latenessMs)
    e.from.push(from)
    e.ts.push(ts)
    e.amount.push(amount)
    e.id.push(id)
    if (e.ts.length > this.options.maxEdges) cutInbound(e, e.ts.length - this.options.maxEdges)
  }

  private dropOldest(node: GraphNode, n: number): void {
    for (let i = 0; i < n; i++) node.to[i]!.inbound--
    node.to.splice(0, n)
    node.ts.splice(0, n)
    node.amount.splice(0, n)
    node.id.splice(0, n)
  }

  /**
   * A cycle closed by the transfer from → to at `ts`: a time-ordered path to → … → from inside the
   * window (any order, for an unordered search), found depth-first within a budget of edge visits so a busy hub cannot stall screening.
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

    const timeOrder = search.timeOrderedAmounts === true && search.maxLoss !== undefined
    const spread = search.maxSpread ?? 2
    const okAmount = timeOrder ? (_prev: number, next: number) => next <= amount * spread && next * spread >= amount : amountCheck(search)
    const pathTs: number[] = []
    const pathAmounts: number[] = []
    const ordered = search.ordered ?? true
    const maxGap = ordered ? (search.maxGapMs ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY

    const dfs = (node: GraphNode, after: number, prevAmount: number): boolean => {
      const times = node.ts
      // a hop after `after` (ordered), or anywhere in the window
      const until = prevAmount > 0 ? Math.min(ts, after + maxGap) : ts
      for (let i = ordered ? firstAtOrAfter(times, after) : 0; i < times.length; i++) {
        if (--budget < 0) return false
        const t = times[i]!
        if (t > until) break
        if (t <= start) continue
        const next = node.to[i]!
        const amt = node.amount[i]!
        if (prevAmount > 0 && !okAmount(prevAmount, amt)) continue
        const hops = pathIds.length + 2
        if (next === goal) {
          // the closing transfer must also fit the amount chain, and follow the last hop within the gap
          if (hops >= search.minHops && okAmount(amt, amount) && (!ordered || ts - t <= maxGap)) {
            if (timeOrder && !runningSum([...pathTs, t, ts], [...pathAmounts, amt, amount], search.maxLoss!, search.slackMs ?? 0)) continue
            pathIds.push(node.id[i]!)
            return true
          }
          continue
        }
        // a party with no transfer out since t is a dead end (most are, late in the window): skip it unread
        if (hops >= search.maxHops || next.onPath === mark || (ordered && next.lastOut < t)) continue
        next.onPath = mark
        pathIds.push(node.id[i]!)
        pathTs.push(t)
        pathAmounts.push(amt)
        if (dfs(next, t, amt)) return true
        pathIds.pop()
        pathTs.pop()
        pathAmounts.pop()
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
    const keepFrom = now - this.windowMs - this.latenessMs
    for (const [party, node] of this.byParty) {
      if (node.ins) pruneInbound(node.ins, keepFrom)
      if (node.ts.length === 0 && node.inbound === 0 && !node.ins?.ts.length) this.byParty.delete(party)
    }
  }

  snapshot(): TransferGraphSnapshot {
    const numbers = new Map<GraphNode, number>()
    const order: GraphNode[] = []
    const number = (node: GraphNode): number => {
      let n = numbers.get(node)
      if (n === undefined) {
        n = order.push(node) - 1
        numbers.set(node, n)
      }
      return n
    }
    for (const node of this.byParty.values()) number(node)
    const nodes: GraphNodeSnapshot[] = []
    // the order grows as edges name nodes not seen yet
    for (let i = 0; i < order.length; i++) {
      const node = order[i]!
      const ins = node.ins && { from: node.ins.from.map(number), ts: node.ins.ts, amount: node.ins.amount, id: node.ins.id }
      nodes.push({ to: node.to.map(number), ts: node.ts, amount: node.amount, id: node.id, ...(ins && { ins }), inbound: node.inbound, lastOut: node.lastOut })
    }
    return { parties: [...this.byParty.keys()], nodes }
  }

  /** takes over a snapshot's nodes and edges; the graph must be empty */
  restore(s: TransferGraphSnapshot): void {
    if (this.byParty.size > 0) throw new Error('a transfer graph restores into an empty graph only')
    const nodes = s.nodes.map(() => new GraphNode())
    s.nodes.forEach((n, i) => {
      const node = nodes[i]!
      if (n.ts.length > 0) {
        node.to = n.to.map((t) => nodes[t]!)
        node.ts = n.ts
        node.amount = n.amount
        node.id = n.id
      }
      if (n.ins) node.ins = { from: n.ins.from.map((f) => nodes[f]!), ts: n.ins.ts, amount: n.ins.amount, id: n.ins.id }
      node.inbound = n.inbound
      node.lastOut = n.lastOut
    })
    s.parties.forEach((party, i) => this.byParty.set(party, nodes[i]!))
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
 * Whether one hop's amount may follow another's: the old share band (minKept) or, when maxLoss is set, value
 * conserved within (1 - maxLoss, 1 + maxGain) of the previous hop; an unordered search accepts the band either way.
 */
function amountCheck(search: CycleSearch): (prev: number, next: number) => boolean {
  if (search.maxLoss !== undefined) {
    const low = 1 - search.maxLoss
    const high = 1 + (search.maxGain ?? 0)
    if (search.ordered ?? true) return (prev, next) => next >= prev * low && next <= prev * high
    const band = Math.max(high, 1 / low)
    return (prev, next) => next * band >= prev && next <= prev * band
  }
  const k = search.minKept
  return (prev, next) => k <= 0 || (next >= prev * k && next * k <= prev)
}

/**
 * whether amounts, largest first, each carry at least (1 - loss) of the one before and come no earlier than it,
 * give or take `slackMs` (transfers of one day may be recorded in any order): one running sum paid on, less a margin
 */
function runningSum(times: readonly number[], amounts: readonly number[], loss: number, slackMs: number): boolean {
  const order = amounts.map((_, i) => i).sort((a, b) => amounts[b]! - amounts[a]! || times[a]! - times[b]!)
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!
    const next = order[k]!
    if (amounts[next]! < amounts[prev]! * (1 - loss) || times[next]! < times[prev]! - slackMs) return false
  }
  return true
}

/** drops incoming edges at or before keepFrom (arrival order is time order but for late ones: stop at the first kept) */
function pruneInbound(e: InEdges, keepFrom: number): void {
  let n = 0
  while (n < e.ts.length && e.ts[n]! <= keepFrom) n++
  if (n > 0) cutInbound(e, n)
}

function cutInbound(e: InEdges, n: number): void {
  e.from.splice(0, n)
  e.ts.splice(0, n)
  e.amount.splice(0, n)
  e.id.splice(0, n)
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
