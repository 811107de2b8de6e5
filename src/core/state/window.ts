import { DistinctCounter } from './distinct-counter.ts'
import { doubles } from './doubles.ts'

/** How a windowed measure folds its values. */
export type WindowAggregate = 'count' | 'sum' | 'max' | 'distinct'

/**
 * What an event contributes to one windowed measure: an amount or 1 for count, sum and max, a value
 * number (see textNumber) for distinct, NaN when the measure's own filter left the event out.
 */
export type Contribution = number

// dropped events are cut from the rows once they are at least this many and at least as many as the live
// ones: amortised O(1) per event, and a quiet entity never keeps more dead events than live ones (plus this)
const COMPACT_AT = 16

/** What the windows of one rule share, built once per rule: a window holds one pointer to it. */
export class WindowSpec {
  /** doubles per event row: its time, then one value per measure */
  readonly stride: number
  /** doubles before the first row: the window's clock, then the running count or sum per measure (unused for max and distinct) */
  readonly header: number
  readonly hasDistinct: boolean

  constructor(
    readonly aggregates: readonly WindowAggregate[],
    readonly windowMs: number,
    readonly latenessMs: number,
  ) {
    this.stride = 1 + aggregates.length
    this.header = 1 + aggregates.length
    this.hasDistinct = aggregates.includes('distinct')
  }
}

// where the rows array keeps a window's clock, and its first running total
const CLOCK = 0
const TOTALS = 1

// a window counts its distinct values by scanning its events up to this many; past it, it keeps counters.
// Most windows of a large population hold a few events, and a counter costs more memory than they do
const DISTINCT_SCAN_LIMIT = 8

/**
 * The events one entity contributed to one rule, on event time.
 * In-order events keep running aggregates over (now - window, now]; a late event (within the
 * lateness allowance) is inserted in place and its own window is computed by a scan.
 * Events older than window + lateness are dropped, so memory follows the live window only.
 *
 * Layout: screening is bound by memory latency (hundreds of thousands of windows, a few cache misses
 * each), and most windows of a large population hold one or two events. So a window is this object and
 * two arrays sized to what it holds (doubling as it grows): one of doubles, [running totals, then an event
 * row of time and value per measure], and one of record ids. Distinct values are counted by a scan of the
 * few events of a small window, and by a counter per distinct measure once the window grows past that.
 */
export class WindowState {
  /**
   * the clock and the totals (`spec.header` doubles: see CLOCK and TOTALS), then event rows of `spec.stride`
   * doubles: time, value per measure (NaN: none). The clock lives here rather than in a field, where a double
   * is a separate boxed number: one allocation and one cache miss more per window
   */
  private rows: number[]
  /** record id per event, for evidence */
  private ids: string[]
  /**
   * events in the arrays; the arrays only grow (compaction moves events down but keeps the capacity),
   * so a busy entity's window stops allocating once it has reached its size
   */
  private end = 0
  /** first retained event (a row index); events before it are gone */
  private head = 0
  /** first event inside the running aggregates */
  private aggHead = 0
  /** per measure, the count of each value (distinct measures only); made once the window holds many events */
  private distinct: (DistinctCounter | undefined)[] | undefined

  constructor(private readonly spec: WindowSpec) {
    this.rows = doubles(spec.header + spec.stride)
    this.rows[CLOCK] = Number.NEGATIVE_INFINITY
    for (let m = 0; m < spec.aggregates.length; m++) this.rows[TOTALS + m] = 0
    this.ids = new Array<string>(1)
  }

  /** latest event time, or the latest time the aggregates were moved to */
  get clock(): number {
    return this.rows[CLOCK]!
  }

  /** events retained */
  get size(): number {
    return this.end - this.head
  }

  private time(i: number): number {
    return this.rows[this.spec.header + i * this.spec.stride]!
  }

  /** true when nothing is retained and nothing can come back into view */
  isIdle(now: number): boolean {
    return this.size === 0 || this.time(this.end - 1) <= now - this.spec.windowMs - this.spec.latenessMs
  }

  add(ts: number, id: string, contributions: readonly Contribution[]): void {
    const inOrder = ts >= this.clock
    // advancing first may compact the rows, and so leave the room reserve() would otherwise make
    if (inOrder) this.advance(ts)
    this.reserve()
    const { header, stride } = this.spec
    const rows = this.rows
    if (inOrder) {
      const at = this.end++
      let r = header + at * stride
      rows[r++] = ts
      for (let m = 0; m < contributions.length; m++) rows[r++] = contributions[m]!
      this.ids[at] = id
      this.fold(at, 1)
      this.countDistinctWhenLarge()
      return
    }
    // late: keep time order; it joins the aggregates only if it falls inside the current window
    let at = this.end
    while (at > this.head && this.time(at - 1) > ts) at--
    // open a row at `at` by moving the later rows up by one
    rows.copyWithin(header + (at + 1) * stride, header + at * stride, header + this.end * stride)
    let r = header + at * stride
    rows[r++] = ts
    for (let m = 0; m < contributions.length; m++) rows[r++] = contributions[m]!
    this.ids.copyWithin(at + 1, at, this.end)
    this.ids[at] = id
    this.end++
    if (at < this.aggHead) this.aggHead++
    else if (ts > this.clock - this.spec.windowMs) this.fold(at, 1)
    else this.aggHead++
    this.countDistinctWhenLarge()
  }

  /** past the scan limit, counters over the aggregated events [aggHead, end) take over from scans */
  private countDistinctWhenLarge(): void {
    if (this.distinct !== undefined || !this.spec.hasDistinct || this.end - this.aggHead <= DISTINCT_SCAN_LIMIT) return
    const { aggregates, header, stride } = this.spec
    const counters = aggregates.map((a) => (a === 'distinct' ? new DistinctCounter() : undefined))
    for (let i = this.aggHead; i < this.end; i++) {
      for (let m = 0; m < aggregates.length; m++) {
        const v = this.rows[header + i * stride + 1 + m]!
        if (v === v) counters[m]?.add(v, 1)
      }
    }
    this.distinct = counters
  }

  /** distinct values of measure `m` among the aggregated events, by comparing each with those before it */
  private distinctAmongAggregated(m: number): number {
    const { header, stride } = this.spec
    const rows = this.rows
    let n = 0
    for (let i = this.aggHead; i < this.end; i++) {
      const v = rows[header + i * stride + 1 + m]!
      if (v !== v) continue
      let repeat = false
      for (let j = this.aggHead; j < i && !repeat; j++) repeat = rows[header + j * stride + 1 + m] === v
      if (!repeat) n++
    }
    return n
  }

  /** room for one more event: the arrays double when full */
  private reserve(): void {
    const { header, stride } = this.spec
    const needed = header + (this.end + 1) * stride
    if (needed > this.rows.length) {
      const rows = doubles(header + 2 * (this.rows.length - header))
      for (let i = 0; i < header + this.end * stride; i++) rows[i] = this.rows[i]!
      this.rows = rows
    }
    if (this.end >= this.ids.length) {
      const ids = new Array<string>(2 * this.ids.length)
      for (let i = 0; i < this.end; i++) ids[i] = this.ids[i]!
      this.ids = ids
    }
  }

  /** moves the window end to `now`, dropping what left the window from the aggregates */
  advance(now: number): void {
    if (now <= this.rows[CLOCK]!) return
    this.rows[CLOCK] = now
    const start = now - this.spec.windowMs
    const end = this.end
    // times read from the rows in place: through a call that is not inlined, each read would box a double,
    // two allocations on every window event
    const rows = this.rows
    const { header, stride } = this.spec
    while (this.aggHead < end && rows[header + this.aggHead * stride]! <= start) {
      this.fold(this.aggHead, -1)
      this.aggHead++
    }
    const keepFrom = start - this.spec.latenessMs
    while (this.head < this.aggHead && rows[header + this.head * stride]! <= keepFrom) this.head++
    if (this.head >= COMPACT_AT && this.head * 2 >= end) this.compact()
  }

  /** the aggregate of measure `m` over (t - window, t]; exact for late t too */
  measure(m: number, t: number): number {
    if (t >= this.clock) {
      this.advance(t)
      switch (this.spec.aggregates[m]) {
        case 'count':
        case 'sum':
          return this.rows[TOTALS + m]!
        case 'distinct':
          return this.distinct ? this.distinct[m]!.size : this.distinctAmongAggregated(m)
        case 'max':
          return this.scan(m, t)
      }
    }
    return this.scan(m, t)
  }

  /** ids of the events inside (t - window, t], newest last, at most `limit` */
  recentIds(t: number, limit: number): string[] {
    const out: string[] = []
    const start = t - this.spec.windowMs
    for (let i = this.end - 1; i >= this.head && out.length < limit; i--) {
      const ts = this.time(i)
      if (ts > t) continue
      if (ts <= start) break
      out.push(this.ids[i]!)
    }
    return out.reverse()
  }

  /**
   * Visits the events inside (t - window, t] that measure `m` took (its value is a number), newest first,
   * until `visit` returns false: for measures that pair events rather than fold them.
   */
  eachValue(m: number, t: number, visit: (ts: number, value: number, id: string) => boolean): void {
    const start = t - this.spec.windowMs
    const { header, stride } = this.spec
    for (let i = this.end - 1; i >= this.head; i--) {
      const r = header + i * stride
      const ts = this.rows[r]!
      if (ts > t) continue
      if (ts <= start) return
      const v = this.rows[r + 1 + m]!
      if (v === v && !visit(ts, v, this.ids[i]!)) return
    }
  }

  private scan(m: number, t: number): number {
    const start = t - this.spec.windowMs
    const kind = this.spec.aggregates[m]
    const { header, stride } = this.spec
    let acc = 0
    const seen = kind === 'distinct' ? new Set<number>() : undefined
    for (let i = this.head; i < this.end; i++) {
      const r = header + i * stride
      const ts = this.rows[r]!
      if (ts <= start) continue
      if (ts > t) break
      const v = this.rows[r + 1 + m]!
      if (v !== v) continue
      if (kind === 'count') acc++
      else if (kind === 'sum') acc += v
      else if (kind === 'max') acc = Math.max(acc, v)
      else seen!.add(v)
    }
    return seen ? seen.size : acc
  }

  private fold(i: number, sign: 1 | -1): void {
    const { aggregates, header, stride } = this.spec
    const rows = this.rows
    const base = header + i * stride + 1
    for (let m = 0; m < aggregates.length; m++) {
      const v = rows[base + m]!
      if (v !== v) continue
      switch (aggregates[m]) {
        case 'count':
          rows[TOTALS + m]! += sign
          break
        case 'sum':
          rows[TOTALS + m]! += sign * v
          break
        case 'distinct':
          this.distinct?.[m]!.add(v, sign)
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
    const { header, stride } = this.spec
    this.rows.copyWithin(header, header + n * stride, header + this.end * stride)
    this.ids.copyWithin(0, n, this.end)
    // dead ids would keep their strings alive
    this.ids.fill('', live, this.end)
    this.end = live
    this.head = 0
    this.aggHead -= n
  }
}
