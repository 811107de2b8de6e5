import { EdgeLists } from './edge-lists.ts'
import { grown } from './grown.ts'
import { PartyNumbers } from './party-numbers.ts'

/**
 * A party in the transfer graph is a node number; its edges out (in time order) and in (in arrival order, kept
 * only when a measure reads them; see GraphOptions) are blocks of the graph's `out` and `ins` edge lists. Edges
 * point at node numbers, not party ids, so a search walks the graph without a map lookup per step. A party's node
 * is found by its number in the screener's `PartyNumbers` (shared with the `id` entity table and the other graphs):
 * a node number is the graph's own, as a dropped party seen again gets a new node while an edge names its old one.
 */
export type GraphNode = number

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

/** A node as plain data: its edges' targets and payers as node numbers (of the snapshot), times, amounts and ids. */
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
 * nodes apart by identity, so the old one stays distinct).
 */
export interface TransferGraphSnapshot {
  parties: string[]
  nodes: GraphNodeSnapshot[]
}

/** per node: not a party's node any more, but still named by an incoming edge */
const DROPPED = -1
/** per node: free, to be taken by the next new party */
const FREE = -2

/** Transfers as time-stamped edges between parties, kept for one window, for bounded cycle search. */
export class TransferGraph {
  /** per party number: the party's node, -1 when it has none */
  private nodeOf = new Int32Array(64).fill(-1)
  /** nodes made so far (free or not): every node is below it */
  private made = 0
  /** parties with a node */
  private live = 0
  /** edges out of each node (peer: the payee), in time order (a late transfer is placed), so searches can bisect */
  readonly out = new EdgeLists()
  /** edges into each node (peer: the payer), in arrival order; empty unless options.inbound */
  readonly ins = new EdgeLists()
  /** per node: edges out of other nodes pointing at it; while any is left it stays the party's one node */
  private inbound = new Int32Array(256)
  /** per node: the search that has it on its current path */
  private onPath = new Int32Array(256)
  /** per node: incoming edges naming it as payer; its number is not reused while any is left */
  private named = new Int32Array(256)
  /** per node: its party's number while it is the party's node, DROPPED once dropped but still named by an edge, or FREE */
  private partyOf = new Int32Array(256).fill(FREE)
  private readonly freeNodes: GraphNode[] = []
  private searches = 0

  constructor(
    private readonly windowMs: number,
    private readonly latenessMs: number,
    readonly options: GraphOptions = DEFAULT_GRAPH_OPTIONS,
    private readonly parties: PartyNumbers = new PartyNumbers(),
  ) {}

  /** parties with edges out or in */
  get nodes(): number {
    return this.live
  }

  add(from: string, to: string, ts: number, amount: number, id: string): void {
    const node = this.node(from)
    const target = this.node(to)
    this.prune(node, ts)
    this.inbound[target]! += 1
    this.out.add(node, target, ts, amount, id, true)
    const n = this.out.len[node]!
    if (n > this.options.maxEdges) this.dropOldest(node, n - this.options.maxEdges)
    if (this.options.inbound) this.addInbound(node, target, ts, amount, id)
  }

  /** the party's node, if it has edges either way */
  get(party: string): GraphNode | undefined {
    const n = this.parties.find(party)
    const node = n < 0 || n >= this.nodeOf.length ? -1 : this.nodeOf[n]!
    return node < 0 ? undefined : node
  }

  get windowLength(): number {
    return this.windowMs
  }

  /** the node's incoming edges (0 unless options.inbound) */
  inCount(node: GraphNode): number {
    return this.options.inbound ? this.ins.len[node]! : 0
  }

  /** time of the node's latest edge out (-Infinity without one): a search arriving later can stop there */
  lastOut(node: GraphNode): number {
    const n = this.out.len[node]!
    return n === 0 ? Number.NEGATIVE_INFINITY : this.out.ts[this.out.at[node]! + n - 1]!
  }

  private addInbound(from: GraphNode, target: GraphNode, ts: number, amount: number, id: string): void {
    this.pruneInbound(target, ts - this.windowMs - this.latenessMs)
    this.ins.add(target, from, ts, amount, id, false)
    this.named[from]! += 1
    const n = this.ins.len[target]!
    if (n > this.options.maxEdges) this.cutInbound(target, n - this.options.maxEdges)
  }

  private dropOldest(node: GraphNode, n: number): void {
    const at = this.out.at[node]!
    for (let i = at; i < at + n; i++) this.inbound[this.out.peer[i]!]! -= 1
    this.out.dropFirst(node, n)
  }

  /**
   * A cycle closed by the transfer from → to at `ts`: a time-ordered path to → … → from inside the
   * window (any order, for an unordered search), found depth-first within a budget of edge visits so a busy hub cannot stall screening.
   */
  findCycle(from: string, to: string, ts: number, amount: number, search: CycleSearch): CycleFound | undefined {
    const first = this.get(to)
    const goal = this.get(from)
    // nobody paid `from` inside the window: no path can come back to it
    if (first === undefined || goal === undefined || this.inbound[goal] === 0) return undefined
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
    const { at, len, peer, ts: times, amount: amounts, id: ids } = this.out
    const onPath = this.onPath

    const dfs = (node: GraphNode, after: number, prevAmount: number): boolean => {
      const first = at[node]!
      const end = first + len[node]!
      // a hop after `after` (ordered), or anywhere in the window
      const until = prevAmount > 0 ? Math.min(ts, after + maxGap) : ts
      for (let i = ordered ? firstAtOrAfter(times, first, end, after) : first; i < end; i++) {
        if (--budget < 0) return false
        const t = times[i]!
        if (t > until) break
        if (t <= start) continue
        const next = peer[i]!
        const amt = amounts[i]!
        if (prevAmount > 0 && !okAmount(prevAmount, amt)) continue
        const hops = pathIds.length + 2
        if (next === goal) {
          // the closing transfer must also fit the amount chain, and follow the last hop within the gap
          if (hops >= search.minHops && okAmount(amt, amount) && (!ordered || ts - t <= maxGap)) {
            if (timeOrder && !runningSum([...pathTs, t, ts], [...pathAmounts, amt, amount], search.maxLoss!, search.slackMs ?? 0)) continue
            pathIds.push(ids[i]!)
            return true
          }
          continue
        }
        // a party with no transfer out since t is a dead end (most are, late in the window): skip it unread
        if (hops >= search.maxHops || onPath[next] === mark || (ordered && this.lastOut(next) < t)) continue
        onPath[next] = mark
        pathIds.push(ids[i]!)
        pathTs.push(t)
        pathAmounts.push(amt)
        if (dfs(next, t, amt)) return true
        pathIds.pop()
        pathTs.pop()
        pathAmounts.pop()
        onPath[next] = 0
      }
      return false
    }

    // a found cycle leaves its path marked: harmless, as the next search has its own mark
    onPath[first] = mark
    const found = dfs(first, start, 0)
    onPath[first] = 0
    if (!found) return undefined
    return { hops: pathIds.length + 1, transfers: [...pathIds] }
  }

  /** drops edges that left the window, and parties with no edges either way */
  sweep(now: number): void {
    const partyOf = this.partyOf
    for (let node = 0; node < this.made; node++) if (partyOf[node]! >= 0) this.prune(node, now)
    const keepFrom = now - this.windowMs - this.latenessMs
    for (let node = 0; node < this.made; node++) {
      const party = partyOf[node]!
      if (party < 0) continue
      if (this.options.inbound) this.pruneInbound(node, keepFrom)
      if (this.out.len[node] === 0 && this.inbound[node] === 0 && this.inCount(node) === 0) {
        this.nodeOf[party] = -1
        this.live--
        this.parties.letGo(party)
        partyOf[node] = DROPPED
        if (this.named[node] === 0) this.release(node)
      }
    }
  }

  /** the graph's nodes that are parties' nodes, in node order */
  private partyNodes(): GraphNode[] {
    const nodes: GraphNode[] = []
    for (let node = 0; node < this.made; node++) if (this.partyOf[node]! >= 0) nodes.push(node)
    return nodes
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
    const partyNodes = this.partyNodes()
    for (const node of partyNodes) number(node)
    const nodes: GraphNodeSnapshot[] = []
    const { out, ins } = this
    // the order grows as edges name nodes not seen yet
    for (let k = 0; k < order.length; k++) {
      const node = order[k]!
      const o = out.at[node]!
      const oe = o + out.len[node]!
      const to: number[] = []
      for (let i = o; i < oe; i++) to.push(number(out.peer[i]!))
      const n: GraphNodeSnapshot = {
        to, ts: Array.from(out.ts.subarray(o, oe)), amount: Array.from(out.amount.subarray(o, oe)), id: out.id.slice(o, oe) as string[],
        inbound: this.inbound[node]!, lastOut: this.lastOut(node),
      }
      if (this.inCount(node) > 0) {
        const a = ins.at[node]!
        const e = a + ins.len[node]!
        const from: number[] = []
        for (let i = a; i < e; i++) from.push(number(ins.peer[i]!))
        n.ins = { from, ts: Array.from(ins.ts.subarray(a, e)), amount: Array.from(ins.amount.subarray(a, e)), id: ins.id.slice(a, e) as string[] }
      }
      nodes.push(n)
    }
    return { parties: partyNodes.map((node) => this.parties.text(this.partyOf[node]!)), nodes }
  }

  /** takes over a snapshot's nodes and edges; the graph must be empty */
  restore(s: TransferGraphSnapshot): void {
    if (this.made > 0) throw new Error('a transfer graph restores into an empty graph only')
    // node k of the snapshot is node number k; those past the parties are named only by an edge
    s.nodes.forEach((_, k) => (k < s.parties.length ? this.node(s.parties[k]!) : (this.partyOf[this.allot()] = DROPPED)))
    s.nodes.forEach((n, k) => {
      for (let i = 0; i < n.ts.length; i++) this.out.add(k, n.to[i]!, n.ts[i]!, n.amount[i]!, n.id[i]!, false)
      this.inbound[k] = n.inbound
      const e = n.ins
      if (e && this.options.inbound) {
        for (let i = 0; i < e.ts.length; i++) {
          this.ins.add(k, e.from[i]!, e.ts[i]!, e.amount[i]!, e.id[i]!, false)
          this.named[e.from[i]!]! += 1
        }
      }
    })
  }

  /** the party's node, a new one when it has none */
  private node(party: string): GraphNode {
    const n = this.parties.number(party)
    if (n >= this.nodeOf.length) this.nodeOf = grown(this.nodeOf, Math.max(this.parties.capacity, Math.ceil(this.nodeOf.length * 1.5)), -1)
    let node = this.nodeOf[n]!
    if (node < 0) {
      node = this.allot()
      this.partyOf[node] = n
      this.nodeOf[n] = node
      this.parties.hold(n)
      this.live++
    }
    return node
  }

  /** a free node number (a dropped node's, once no edge names it); its party is set by the caller */
  private allot(): GraphNode {
    const node = this.freeNodes.pop() ?? this.made
    if (node === this.made) {
      const n = ++this.made
      this.out.nodes(n)
      if (this.options.inbound) this.ins.nodes(n)
      if (n > this.inbound.length) {
        const size = Math.max(n, Math.ceil(this.inbound.length * 1.5))
        this.inbound = grown(this.inbound, size)
        this.onPath = grown(this.onPath, size)
        this.named = grown(this.named, size)
        this.partyOf = grown(this.partyOf, size, FREE)
      }
    } else this.onPath[node] = 0
    return node
  }

  private release(node: GraphNode): void {
    this.partyOf[node] = FREE
    this.freeNodes.push(node)
  }

  private prune(node: GraphNode, now: number): void {
    const keepFrom = now - this.windowMs - this.latenessMs
    const { at, len, ts, peer } = this.out
    const first = at[node]!
    const end = first + len[node]!
    let i = first
    while (i < end && ts[i]! <= keepFrom) this.inbound[peer[i++]!]! -= 1
    if (i > first) this.out.dropFirst(node, i - first)
  }

  /** drops incoming edges at or before keepFrom (arrival order is time order but for late ones: stop at the first kept) */
  private pruneInbound(node: GraphNode, keepFrom: number): void {
    const { at, len, ts } = this.ins
    const first = at[node]!
    const end = first + len[node]!
    let i = first
    while (i < end && ts[i]! <= keepFrom) i++
    if (i > first) this.cutInbound(node, i - first)
  }

  private cutInbound(node: GraphNode, n: number): void {
    const at = this.ins.at[node]!
    for (let i = at; i < at + n; i++) {
      const payer = this.ins.peer[i]!
      // a dropped payer's number is free once no edge names it
      this.named[payer]! -= 1
      if (this.named[payer] === 0 && this.partyOf[payer] === DROPPED) this.release(payer)
    }
    this.ins.dropFirst(node, n)
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

/**
 * The first index in [first, end) whose time is at or after t (times are in order). A search steps to later and
 * later times, so the answer is usually near the end: it is looked for from the end, 1, 2, 4, ... back, then
 * bisected, so the few times read are mostly in the last cache line or two rather than spread over the block.
 */
function firstAtOrAfter(times: Float64Array, first: number, end: number, t: number): number {
  let hi = end
  let step = 1
  while (hi - step >= first && times[hi - step]! >= t) {
    hi -= step
    step *= 2
  }
  // times[hi] (if any) is at or after t; everything before hi - step is before it
  let lo = Math.max(first, hi - step + 1)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
