/** How a windowed measure folds its values. */
export type WindowAggregate = 'count' | 'sum' | 'max' | 'distinct'

/** A measure value an event contributes; undefined when the measure's own filter left the event out. */
export type Contribution = number | string | undefined

// dropped events are cut from the arrays once they are at least this many and at least as many as the live
// ones: amortised O(1) per event, and a quiet entity never keeps more dead events than live ones (plus this)
const COMPACT_AT = 16

/**
 * The events one entity contributed to one rule, on event time.
 * In-order events keep running aggregates over (now - window, now]; a late event (within the
 * lateness allowance) is inserted in place and its own window is computed by a scan.
 * Events older than window + lateness are dropped, so memory follows the live window only.
 */
export class WindowState {
  readonly ts: number[] = []
  readonly ids: string[] = []
  /** per measure, the value each event contributed */
  readonly values: Contribution[][]
  /** first retained event; events before it are gone */
  private head = 0
  /** first event inside the running aggregates */
  private aggHead = 0
  /** latest event time, or the latest time the aggregates were moved to */
  clock = Number.NEGATIVE_INFINITY
  private readonly counts: number[]
  private readonly sums: number[]
  private readonly distinct: (Map<string, number> | undefined)[]

  constructor(
    private readonly aggregates: readonly WindowAggregate[],
    private readonly windowMs: number,
    private readonly latenessMs: number,
  ) {
    this.values = aggregates.map(() => [])
    this.counts = aggregates.map(() => 0)
    this.sums = aggregates.map(() => 0)
    this.distinct = aggregates.map((a) => (a === 'distinct' ? new Map() : undefined))
  }

  get size(): number {
    return this.ts.length - this.head
  }

  /** true when nothing is retained and nothing can come back into view */
  isIdle(now: number): boolean {
    return this.size === 0 || this.ts[this.ts.length - 1]! <= now - this.windowMs - this.latenessMs
  }

  add(ts: number, id: string, contributions: readonly Contribution[]): void {
    if (ts >= this.clock) {
      this.advance(ts)
      this.ts.push(ts)
      this.ids.push(id)
      for (let m = 0; m < contributions.length; m++) this.values[m]!.push(contributions[m])
      this.fold(this.ts.length - 1, 1)
      return
    }
    // late: keep time order; it joins the aggregates only if it falls inside the current window
    let at = this.ts.length
    while (at > this.head && this.ts[at - 1]! > ts) at--
    this.ts.splice(at, 0, ts)
    this.ids.splice(at, 0, id)
    for (let m = 0; m < contributions.length; m++) this.values[m]!.splice(at, 0, contributions[m])
    if (at < this.aggHead) this.aggHead++
    else if (ts > this.clock - this.windowMs) this.fold(at, 1)
    else this.aggHead++
  }

  /** moves the window end to `now`, dropping what left the window from the aggregates */
  advance(now: number): void {
    if (now <= this.clock) return
    this.clock = now
    const start = now - this.windowMs
    while (this.aggHead < this.ts.length && this.ts[this.aggHead]! <= start) {
      this.fold(this.aggHead, -1)
      this.aggHead++
    }
    const keepFrom = start - this.latenessMs
    while (this.head < this.aggHead && this.ts[this.head]! <= keepFrom) this.head++
    if (this.head >= COMPACT_AT && this.head * 2 >= this.ts.length) this.compact()
  }

  /** the aggregate of measure `m` over (t - window, t]; exact for late t too */
  measure(m: number, t: number): number {
    if (t >= this.clock) {
      this.advance(t)
      switch (this.aggregates[m]) {
        case 'count':
          return this.counts[m]!
        case 'sum':
          return this.sums[m]!
        case 'distinct':
          return this.distinct[m]!.size
        case 'max':
          return this.scan(m, t)
      }
    }
    return this.scan(m, t)
  }

  /** ids of the events inside (t - window, t], newest last, at most `limit` */
  recentIds(t: number, limit: number): string[] {
    const out: string[] = []
    const start = t - this.windowMs
    for (let i = this.ts.length - 1; i >= this.head && out.length < limit; i--) {
      const ts = this.ts[i]!
      if (ts > t) continue
      if (ts <= start) break
      out.push(this.ids[i]!)
    }
    return out.reverse()
  }

  private scan(m: number, t: number): number {
    const start = t - this.windowMs
    const vals = this.values[m]!
    const kind = this.aggregates[m]
    let acc = 0
    const seen = kind === 'distinct' ? new Set<string>() : undefined
    for (let i = this.head; i < this.ts.length; i++) {
      const ts = this.ts[i]!
      if (ts <= start) continue
      if (ts > t) break
      const v = vals[i]
      if (v === undefined) continue
      if (kind === 'count') acc++
      else if (kind === 'sum') acc += v as number
      else if (kind === 'max') acc = Math.max(acc, v as number)
      else seen!.add(v as string)
    }
    return seen ? seen.size : acc
  }

  private fold(i: number, sign: 1 | -1): void {
    for (let m = 0; m < this.aggregates.length; m++) {
      const v = this.values[m]![i]
      if (v === undefined) continue
      switch (this.aggregates[m]) {
        case 'count':
          this.counts[m]! += sign
          break
        case 'sum':
          this.sums[m]! += sign * (v as number)
          break
        case 'distinct': {
          const map = this.distinct[m]!
          const n = (map.get(v as string) ?? 0) + sign
          if (n <= 0) map.delete(v as string)
          else map.set(v as string, n)
          break
        }
        case 'max':
          break
      }
    }
  }

  private compact(): void {
    const n = this.head
    this.ts.splice(0, n)
    this.ids.splice(0, n)
    for (const vals of this.values) vals.splice(0, n)
    this.head = 0
    this.aggHead -= n
  }
}
