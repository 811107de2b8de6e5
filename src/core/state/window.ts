import { DistinctCounter } from './distinct-counter.ts'

/** How a windowed measure folds its values. */
export type WindowAggregate = 'count' | 'sum' | 'max' | 'distinct'

/**
 * What an event contributes to one windowed measure: an amount or 1 for count, sum and max, a value
 * number (see ValueInterner) for distinct, NaN when the measure's own filter left the event out.
 */
export type Contribution = number

// dropped events are cut from the rows once they are at least this many and at least as many as the live
// ones: amortised O(1) per event, and a quiet entity never keeps more dead events than live ones (plus this)
const COMPACT_AT = 16

/**
 * The events one entity contributed to one rule, on event time.
 * In-order events keep running aggregates over (now - window, now]; a late event (within the
 * lateness allowance) is inserted in place and its own window is computed by a scan.
 * Events older than window + lateness are dropped, so memory follows the live window only.
 *
 * Layout: screening is bound by memory latency (hundreds of thousands of windows, a few cache misses
 * each), so an event is one row of doubles in a single array, [time, value per measure], and the
 * running aggregates are plain numbers; only distinct measures keep a counter of their own.
 */
export class WindowState {
  /** event rows, `stride` doubles each: time, then one value per measure (NaN: none) */
  private readonly rows: number[] = []
  /** record id per event, for evidence */
  private readonly ids: string[] = []
  private readonly stride: number
  /**
   * events in the arrays; the arrays only grow (compaction moves events down but keeps the capacity),
   * so a busy entity's window stops allocating once it has reached its size
   */
  private end = 0
  /** first retained event (a row index); events before it are gone */
  private head = 0
  /** first event inside the running aggregates */
  private aggHead = 0
  /** latest event time, or the latest time the aggregates were moved to */
  clock = Number.NEGATIVE_INFINITY
  /** per measure: the running count or sum (unused for max and distinct) */
  private readonly totals: number[]
  private readonly distinct: (DistinctCounter | undefined)[]

  constructor(
    private readonly aggregates: readonly WindowAggregate[],
    private readonly windowMs: number,
    private readonly latenessMs: number,
  ) {
    this.stride = 1 + aggregates.length
    this.totals = aggregates.map(() => 0)
    this.distinct = aggregates.map((a) => (a === 'distinct' ? new DistinctCounter() : undefined))
  }

  /** events retained */
  get size(): number {
    return this.end - this.head
  }

  private time(i: number): number {
    return this.rows[i * this.stride]!
  }

  /** true when nothing is retained and nothing can come back into view */
  isIdle(now: number): boolean {
    return this.size === 0 || this.time(this.end - 1) <= now - this.windowMs - this.latenessMs
  }

  add(ts: number, id: string, contributions: readonly Contribution[]): void {
    const rows = this.rows
    if (ts >= this.clock) {
      this.advance(ts)
      const at = this.end++
      let r = at * this.stride
      rows[r++] = ts
      for (let m = 0; m < contributions.length; m++) rows[r++] = contributions[m]!
      this.ids[at] = id
      this.fold(at, 1)
      return
    }
    // late: keep time order; it joins the aggregates only if it falls inside the current window
    let at = this.end
    while (at > this.head && this.time(at - 1) > ts) at--
    const stride = this.stride
    // open a row at `at`: append one, then move the later rows up by one
    for (let k = 0; k < stride; k++) rows[this.end * stride + k] = 0
    rows.copyWithin((at + 1) * stride, at * stride, this.end * stride)
    rows[at * stride] = ts
    for (let m = 0; m < contributions.length; m++) rows[at * stride + 1 + m] = contributions[m]!
    this.ids[this.end] = ''
    this.ids.copyWithin(at + 1, at, this.end)
    this.ids[at] = id
    this.end++
    if (at < this.aggHead) this.aggHead++
    else if (ts > this.clock - this.windowMs) this.fold(at, 1)
    else this.aggHead++
  }

  /** moves the window end to `now`, dropping what left the window from the aggregates */
  advance(now: number): void {
    if (now <= this.clock) return
    this.clock = now
    const start = now - this.windowMs
    const end = this.end
    // times read from the rows in place: through a call that is not inlined, each read boxed a double,
    // two allocations on every window event
    const rows = this.rows
    const stride = this.stride
    while (this.aggHead < end && rows[this.aggHead * stride]! <= start) {
      this.fold(this.aggHead, -1)
      this.aggHead++
    }
    const keepFrom = start - this.latenessMs
    while (this.head < this.aggHead && rows[this.head * stride]! <= keepFrom) this.head++
    if (this.head >= COMPACT_AT && this.head * 2 >= end) this.compact()
  }

  /** the aggregate of measure `m` over (t - window, t]; exact for late t too */
  measure(m: number, t: number): number {
    if (t >= this.clock) {
      this.advance(t)
      switch (this.aggregates[m]) {
        case 'count':
        case 'sum':
          return this.totals[m]!
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
    for (let i = this.end - 1; i >= this.head && out.length < limit; i--) {
      const ts = this.time(i)
      if (ts > t) continue
      if (ts <= start) break
      out.push(this.ids[i]!)
    }
    return out.reverse()
  }

  private scan(m: number, t: number): number {
    const start = t - this.windowMs
    const kind = this.aggregates[m]
    const stride = this.stride
    let acc = 0
    const seen = kind === 'distinct' ? new Set<number>() : undefined
    for (let i = this.head; i < this.end; i++) {
      const ts = this.rows[i * stride]!
      if (ts <= start) continue
      if (ts > t) break
      const v = this.rows[i * stride + 1 + m]!
      if (v !== v) continue
      if (kind === 'count') acc++
      else if (kind === 'sum') acc += v
      else if (kind === 'max') acc = Math.max(acc, v)
      else seen!.add(v)
    }
    return seen ? seen.size : acc
  }

  private fold(i: number, sign: 1 | -1): void {
    const base = i * this.stride + 1
    for (let m = 0; m < this.aggregates.length; m++) {
      const v = this.rows[base + m]!
      if (v !== v) continue
      switch (this.aggregates[m]) {
        case 'count':
          this.totals[m]! += sign
          break
        case 'sum':
          this.totals[m]! += sign * v
          break
        case 'distinct':
          this.distinct[m]!.add(v, sign)
          break
        case 'max':
          break
      }
    }
  }

  /** moves the retained events to the front in place, keeping the capacity: no garbage */
  private compact(): void {
    const n = this.head
    const live = this.end - n
    const stride = this.stride
    this.rows.copyWithin(0, n * stride, this.end * stride)
    this.ids.copyWithin(0, n, this.end)
    // dead ids would keep their strings alive
    this.ids.fill('', live, this.end)
    this.end = live
    this.head = 0
    this.aggHead -= n
  }
}
