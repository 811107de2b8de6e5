/** Transfers as time-stamped edges between parties, kept for one window, for bounded cycle search. */
interface EdgeList {
  to: string[]
  ts: number[]
  amount: number[]
  id: string[]
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

export class TransferGraph {
  private readonly out = new Map<string, EdgeList>()
  private latest = Number.NEGATIVE_INFINITY

  constructor(
    private readonly windowMs: number,
    private readonly latenessMs: number,
  ) {}

  get nodes(): number {
    return this.out.size
  }

  add(from: string, to: string, ts: number, amount: number, id: string): void {
    let list = this.out.get(from)
    if (!list) {
      list = { to: [], ts: [], amount: [], id: [] }
      this.out.set(from, list)
    }
    this.prune(list, ts)
    // edges stay in time order (a late transfer is placed), so searches can skip to a time by bisection
    let at = list.ts.length
    while (at > 0 && list.ts[at - 1]! > ts) at--
    if (at === list.ts.length) {
      list.to.push(to)
      list.ts.push(ts)
      list.amount.push(amount)
      list.id.push(id)
    } else {
      list.to.splice(at, 0, to)
      list.ts.splice(at, 0, ts)
      list.amount.splice(at, 0, amount)
      list.id.splice(at, 0, id)
    }
    if (ts > this.latest) this.latest = ts
  }

  /**
   * A cycle closed by the transfer from → to at `ts`: a time-ordered path to → … → from inside the
   * window, found depth-first within a budget of edge visits so a busy hub cannot stall screening.
   */
  findCycle(from: string, to: string, ts: number, amount: number, search: CycleSearch): CycleFound | undefined {
    const start = ts - this.windowMs
    let budget = search.maxVisits
    const onPath = new Set<string>([to])
    const pathIds: string[] = []

    const okAmount = (prev: number, next: number) =>
      search.minKept <= 0 || (next >= prev * search.minKept && next * search.minKept <= prev)

    const dfs = (node: string, after: number, prevAmount: number): boolean => {
      const list = this.out.get(node)
      if (!list) return false
      for (let i = firstAtOrAfter(list.ts, after); i < list.to.length; i++) {
        if (--budget < 0) return false
        const t = list.ts[i]!
        if (t > ts) break
        if (t <= start) continue
        const next = list.to[i]!
        const amt = list.amount[i]!
        if (prevAmount > 0 && !okAmount(prevAmount, amt)) continue
        const hops = pathIds.length + 2
        if (next === from) {
          // the closing transfer must also fit the amount chain
          if (hops >= search.minHops && okAmount(amt, amount)) {
            pathIds.push(list.id[i]!)
            return true
          }
          continue
        }
        if (hops >= search.maxHops || onPath.has(next)) continue
        onPath.add(next)
        pathIds.push(list.id[i]!)
        if (dfs(next, t, amt)) return true
        pathIds.pop()
        onPath.delete(next)
      }
      return false
    }

    if (!dfs(to, start, 0)) return undefined
    return { hops: pathIds.length + 1, transfers: [...pathIds] }
  }

  /** drops parties whose edges all left the window */
  sweep(now: number): void {
    for (const [node, list] of this.out) {
      this.prune(list, now)
      if (list.ts.length === 0) this.out.delete(node)
    }
  }

  private prune(list: EdgeList, now: number): void {
    const keepFrom = now - this.windowMs - this.latenessMs
    let n = 0
    while (n < list.ts.length && list.ts[n]! <= keepFrom) n++
    if (n === 0) return
    list.to.splice(0, n)
    list.ts.splice(0, n)
    list.amount.splice(0, n)
    list.id.splice(0, n)
  }
}

function firstAtOrAfter(times: readonly number[], t: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
