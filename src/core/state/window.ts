import { DistinctCounter } from './distinct-counter.ts'
import { AGG_HEAD, END, HEAD, WindowPool } from './window-pool.ts'

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

// where a window's doubles keep its clock, and its first running total
const CLOCK = 0
const TOTALS = 1

// a window counts its distinct values by scanning its events up to this many; past it, it keeps counters.
// Most windows of a large population hold a few events, and a counter costs more memory than they do
const DISTINCT_SCAN_LIMIT = 8

/**
 * The events one entity contributed to one rule, on event time: a cursor over one window of a WindowPool,
 * pointed at it by `at(handle)` (each pool has one cursor, screening is synchronous).
 * In-order events keep running aggregates over (now - window, now]; a late event (within the
 * lateness allowance) is inserted in place and its own window is computed by a scan.
 * Events older than window + lateness are dropped, so memory follows the live window only.
 *
 * Layout (window-pool.ts): the window's doubles are [clock, running totals, then an event row of time and value
 * per measure], its end, head and aggregated head three integers, its record ids a run of strings, all in
 * chunks of its size class. Distinct values are counted by a scan of the few events of a small window, and by a
 * counter per distinct measure once the window grows past that.
 */
export class WindowState {
  readonly pool: WindowPool
  /** the window this cursor reads and writes; changes when `add` moves it to a larger slot */
  handle = -1
  private rows: Float64Array = EMPTY_ROWS
  private base = 0
  private meta: Int32Array = EMPTY_META
  private metaBase = 0
  private ids: string[] = []
  private idBase = 0
  private capacity = 0

  /** a cursor over `pool`; without one, a window of its own (a pool holding it alone) */
  constructor(spec: WindowSpec, pool?: WindowPool) {
    this.pool = pool ?? new WindowPool(spec)
    if (!pool) this.at(this.pool.allocate())
  }

  /** points the cursor at a window of its pool */
  at(handle: number): this {
    const l = this.pool.locate(handle)
    this.handle = handle
    this.rows = l.rows
    this.base = l.base
    this.meta = l.meta
    this.metaBase = l.metaBase
    this.ids = l.ids
    this.idBase = l.idBase
    this.capacity = l.capacity
    return this
  }

  /** latest event time, or the latest time the aggregates were moved to */
  get clock(): number {
    return this.rows[this.base + CLOCK]!
  }

  /** events retained */
  get size(): number {
    return this.meta[this.metaBase + END]! - this.meta[this.metaBase + HEAD]!
  }

  // the first double of event row i
  private row(i: number): number {
    return this.base + this.pool.spec.header + i * this.pool.spec.stride
  }

  private time(i: number): number {
    return this.rows[this.row(i)]!
  }

  /** true when nothing is retained and nothing can come back into view */
  isIdle(now: number): boolean {
    return this.idleFrom() <= now
  }

  /** the time from which the window is idle, unless an event joins it first: its latest event's plus window and lateness */
  idleFrom(): number {
    const spec = this.pool.spec
    if (this.size === 0) return Number.NEGATIVE_INFINITY
    return this.time(this.meta[this.metaBase + END]! - 1) + spec.windowMs + spec.latenessMs
  }

  /**
   * Points the cursor at a new window of its pool holding one event: what `add` leaves in an empty window,
   * written at once (most windows of a large population are opened for one event and never take another).
   */
  open(ts: number, id: string, contributions: readonly Contribution[]): this {
    this.at(this.pool.allocate())
    // a time that does not compare (NaN) takes add's path for a late event
    if (!(ts >= Number.NEGATIVE_INFINITY)) {
      this.add(ts, id, contributions)
      return this
    }
    const { aggregates, header } = this.pool.spec
    const rows = this.rows
    const base = this.base
    rows[base + CLOCK] = ts
    let r = base + header
    rows[r++] = ts
    for (let m = 0; m < contributions.length; m++) {
      const v = contributions[m]!
      rows[r++] = v
      // the running totals of the one event (a new handle has no distinct counters; max is scanned)
      if (v !== v) continue
      const a = aggregates[m]
      if (a === 'count') rows[base + TOTALS + m] = 1
      else if (a === 'sum') rows[base + TOTALS + m] = v
    }
    this.ids[this.idBase] = id
    this.meta[this.metaBase + END] = 1
    return this
  }

  /** adds an event; the window may move to a larger slot (read `handle` afterwards) */
  add(ts: number, id: string, contributions: readonly Contribution[]): void {
    const inOrder = ts >= this.clock
    // advancing first may compact the rows, and so leave the room reserve() would otherwise make
    if (inOrder) this.advance(ts)
    this.reserve()
    const rows = this.rows
    const meta = this.meta
    const mb = this.metaBase
    const end = meta[mb + END]!
    if (inOrder) {
      let r = this.row(end)
      rows[r++] = ts
      for (let m = 0; m < contributions.length; m++) rows[r++] = contributions[m]!
      this.ids[this.idBase + end] = id
      meta[mb + END] = end + 1
      this.fold(end, 1)
      this.countDistinctWhenLarge()
      return
    }
    // late: keep time order; it joins the aggregates only if it falls inside the current window
    const head = meta[mb + HEAD]!
    let at = end
    while (at > head && this.time(at - 1) > ts) at--
    // open a row at `at` by moving the later rows up by one
    rows.copyWithin(this.row(at + 1), this.row(at), this.row(end))
    let r = this.row(at)
    rows[r++] = ts
    for (let m = 0; m < contributions.length; m++) rows[r++] = contributions[m]!
    const ib = this.idBase
    this.ids.copyWithin(ib + at + 1, ib + at, ib + end)
    this.ids[ib + at] = id
    meta[mb + END] = end + 1
    if (at < meta[mb + AGG_HEAD]!) meta[mb + AGG_HEAD]!++
    else if (ts > this.clock - this.pool.spec.windowMs) this.fold(at, 1)
    else meta[mb + AGG_HEAD]!++
    this.countDistinctWhenLarge()
  }

  /** past the scan limit, counters over the aggregated events [aggHead, end) take over from scans */
  private countDistinctWhenLarge(): void {
    const spec = this.pool.spec
    const end = this.meta[this.metaBase + END]!
    const aggHead = this.meta[this.metaBase + AGG_HEAD]!
    if (!spec.hasDistinct || end - aggHead <= DISTINCT_SCAN_LIMIT || this.pool.distinct.has(this.handle)) return
    const { aggregates } = spec
    const counters = aggregates.map((a) => (a === 'distinct' ? new DistinctCounter() : undefined))
    for (let i = aggHead; i < end; i++) {
      const r = this.row(i) + 1
      for (let m = 0; m < aggregates.length; m++) {
        const v = this.rows[r + m]!
        if (v === v) counters[m]?.add(v, 1)
      }
    }
    this.pool.distinct.set(this.handle, counters)
  }

  /** distinct values of measure `m` among the aggregated events, by comparing each with those before it */
  private distinctAmongAggregated(m: number): number {
    const rows = this.rows
    const end = this.meta[this.metaBase + END]!
    const aggHead = this.meta[this.metaBase + AGG_HEAD]!
    let n = 0
    for (let i = aggHead; i < end; i++) {
      const v = rows[this.row(i) + 1 + m]!
      if (v !== v) continue
      let repeat = false
      for (let j = aggHead; j < i && !repeat; j++) repeat = rows[this.row(j) + 1 + m] === v
      if (!repeat) n++
    }
    return n
  }

  /** room for one more event: a full window moves to a slot of twice its capacity */
  private reserve(): void {
    const end = this.meta[this.metaBase + END]!
    if (end < this.capacity) return
    const from = this.handle
    const { rows, base, meta, metaBase, ids, idBase } = this
    const head = meta[metaBase + HEAD]!
    const aggHead = meta[metaBase + AGG_HEAD]!
    const to = this.pool.allocate(2 * this.capacity)
    this.at(to)
    // a loop rather than set(subarray()): most windows that move hold one or two events, and a subarray is an object
    const doubles = this.pool.spec.header + end * this.pool.spec.stride
    for (let i = 0; i < doubles; i++) this.rows[this.base + i] = rows[base + i]!
    for (let i = 0; i < end; i++) this.ids[this.idBase + i] = ids[idBase + i]!
    this.meta[this.metaBase + END] = end
    this.meta[this.metaBase + HEAD] = head
    this.meta[this.metaBase + AGG_HEAD] = aggHead
    const pooled = this.pool.distinct
    const counters = pooled.size > 0 ? pooled.get(from) : undefined
    this.pool.release(from)
    if (counters) this.pool.distinct.set(to, counters)
  }

  /** moves the window end to `now`, dropping what left the window from the aggregates */
  advance(now: number): void {
    const rows = this.rows
    if (now <= rows[this.base + CLOCK]!) return
    rows[this.base + CLOCK] = now
    const spec = this.pool.spec
    const start = now - spec.windowMs
    const meta = this.meta
    const mb = this.metaBase
    const end = meta[mb + END]!
    const first = this.base + spec.header
    const stride = spec.stride
    let aggHead = meta[mb + AGG_HEAD]!
    while (aggHead < end && rows[first + aggHead * stride]! <= start) {
      this.fold(aggHead, -1)
      aggHead++
    }
    meta[mb + AGG_HEAD] = aggHead
    const keepFrom = start - spec.latenessMs
    let head = meta[mb + HEAD]!
    while (head < aggHead && rows[first + head * stride]! <= keepFrom) head++
    meta[mb + HEAD] = head
    if (head >= COMPACT_AT && head * 2 >= end) this.compact()
  }

  /** the aggregate of measure `m` over (t - window, t]; exact for late t too */
  measure(m: number, t: number): number {
    if (t >= this.clock) {
      this.advance(t)
      switch (this.pool.spec.aggregates[m]) {
        case 'count':
        case 'sum':
          return this.rows[this.base + TOTALS + m]!
        case 'distinct': {
          const pooled = this.pool.distinct
          const counters = pooled.size > 0 ? pooled.get(this.handle) : undefined
          return counters ? counters[m]!.size : this.distinctAmongAggregated(m)
        }
        case 'max':
          return this.scan(m, t)
      }
    }
    return this.scan(m, t)
  }

  /** ids of the events inside (t - window, t], newest last, at most `limit` */
  recentIds(t: number, limit: number): string[] {
    const out: string[] = []
    const start = t - this.pool.spec.windowMs
    const head = this.meta[this.metaBase + HEAD]!
    for (let i = this.meta[this.metaBase + END]! - 1; i >= head && out.length < limit; i--) {
      const ts = this.time(i)
      if (ts > t) continue
      if (ts <= start) break
      out.push(this.ids[this.idBase + i]!)
    }
    return out.reverse()
  }

  /**
   * Visits the events inside (t - window, t] that measure `m` took (its value is a number), newest first,
   * until `visit` returns false: for measures that pair events rather than fold them.
   */
  eachValue(m: number, t: number, visit: (ts: number, value: number, id: string) => boolean): void {
    const start = t - this.pool.spec.windowMs
    const head = this.meta[this.metaBase + HEAD]!
    // the visitor may move this pool's cursor (it does not today): read through locals
    const rows = this.rows
    const ids = this.ids
    const idBase = this.idBase
    for (let i = this.meta[this.metaBase + END]! - 1; i >= head; i--) {
      const r = this.row(i)
      const ts = rows[r]!
      if (ts > t) continue
      if (ts <= start) return
      const v = rows[r + 1 + m]!
      if (v === v && !visit(ts, v, ids[idBase + i]!)) return
    }
  }

  private scan(m: number, t: number): number {
    const spec = this.pool.spec
    const start = t - spec.windowMs
    const kind = spec.aggregates[m]
    const rows = this.rows
    let acc = 0
    const seen = kind === 'distinct' ? new Set<number>() : undefined
    const end = this.meta[this.metaBase + END]!
    for (let i = this.meta[this.metaBase + HEAD]!; i < end; i++) {
      const r = this.row(i)
      const ts = rows[r]!
      if (ts <= start) continue
      if (ts > t) break
      const v = rows[r + 1 + m]!
      if (v !== v) continue
      if (kind === 'count') acc++
      else if (kind === 'sum') acc += v
      else if (kind === 'max') acc = Math.max(acc, v)
      else seen!.add(v)
    }
    return seen ? seen.size : acc
  }

  private fold(i: number, sign: 1 | -1): void {
    const { aggregates } = this.pool.spec
    const rows = this.rows
    const totals = this.base + TOTALS
    const first = this.row(i) + 1
    const pooled = this.pool.distinct
    const counters = pooled.size > 0 ? pooled.get(this.handle) : undefined
    for (let m = 0; m < aggregates.length; m++) {
      const v = rows[first + m]!
      if (v !== v) continue
      switch (aggregates[m]) {
        case 'count':
          rows[totals + m]! += sign
          break
        case 'sum':
          rows[totals + m]! += sign * v
          break
        case 'distinct':
          counters?.[m]!.add(v, sign)
          break
        case 'max':
          break
      }
    }
  }

  /** moves the retained events to the front in place, keeping the capacity: no garbage */
  private compact(): void {
    const meta = this.meta
    const mb = this.metaBase
    const n = meta[mb + HEAD]!
    const end = meta[mb + END]!
    const live = end - n
    this.rows.copyWithin(this.row(0), this.row(n), this.row(end))
    const ib = this.idBase
    this.ids.copyWithin(ib, ib + n, ib + end)
    // dead ids would keep their strings alive
    this.ids.fill('', ib + live, ib + end)
    meta[mb + END] = live
    meta[mb + HEAD] = 0
    meta[mb + AGG_HEAD] = meta[mb + AGG_HEAD]! - n
  }
}

const EMPTY_ROWS = new Float64Array(0)
const EMPTY_META = new Int32Array(0)
