import { DistinctCounter, type DistinctCounterSnapshot } from './distinct-counter.ts'
import { sortDescending } from './grown.ts'
import type { WindowSpec } from './window.ts'

// a handle packs the size class (low 5 bits), the slot in its chunk (11 bits) and the chunk (15 bits): a small
// integer that an entity keeps instead of a pointer to an object
const CLASS_BITS = 5
const SLOT_BITS = 11
const MAX_SLOTS_PER_CHUNK = 1 << SLOT_BITS
const MAX_CHUNKS = 1 << (31 - CLASS_BITS - SLOT_BITS)
// a chunk holds at most this many doubles (64 KiB) unless one slot alone needs more; the first chunks of a
// class are small and each is twice the last, so a rule that keeps few windows keeps little memory, and the
// room not yet used is at most a chunk's per class and rule
const CHUNK_DOUBLES = 8192
const FIRST_CHUNK_SLOTS = 4

// a window's three integers in its chunk's meta: the end of its events, its head (first kept) and aggregated head
export const END = 0
export const HEAD = 1
export const AGG_HEAD = 2

/** The windows of one capacity: each slot holds `capacity` events, in chunks that are never moved. */
class SizeClass {
  /** doubles per slot: the window's clock and totals, then `capacity` event rows */
  readonly doublesPerSlot: number
  /** per chunk: doubles, then three integers per slot (end, head, aggregated head), then record ids */
  readonly rows: Float64Array[] = []
  readonly meta: Int32Array[] = []
  readonly ids: string[][] = []
  /** slots of the last chunk handed out so far */
  private used = 0
  private readonly free: number[] = []

  constructor(
    readonly index: number,
    readonly capacity: number,
    spec: WindowSpec,
  ) {
    this.doublesPerSlot = spec.header + capacity * spec.stride
  }

  allocate(): number {
    const reused = this.free.pop()
    if (reused !== undefined) return reused
    const last = this.rows.length - 1
    if (last < 0 || this.used === this.meta[last]!.length / 3) this.addChunk()
    const chunk = this.rows.length - 1
    return (((chunk << SLOT_BITS) | this.used++) << CLASS_BITS) | this.index
  }

  release(handle: number): void {
    this.free.push(handle)
  }

  /** orders the free slots so the next allocations take them in address order (see WindowPool.tidy) */
  tidy(): void {
    sortDescending(this.free)
  }

  snapshot(): SizeClassSnapshot {
    return { rows: this.rows, meta: this.meta, ids: this.ids, used: this.used, free: this.free }
  }

  /** takes over a snapshot's chunks (a fresh class: none allocated yet) */
  restore(s: SizeClassSnapshot): void {
    this.rows.push(...s.rows)
    this.meta.push(...s.meta)
    this.ids.push(...s.ids)
    this.used = s.used
    this.free.push(...s.free)
  }

  private addChunk(): void {
    if (this.rows.length === MAX_CHUNKS) throw new Error(`window pool full: ${MAX_CHUNKS} chunks of windows of ${this.capacity} events`)
    const fit = Math.max(1, Math.floor(CHUNK_DOUBLES / this.doublesPerSlot))
    const slots = Math.min(MAX_SLOTS_PER_CHUNK, fit, FIRST_CHUNK_SLOTS << Math.min(this.rows.length, SLOT_BITS))
    this.rows.push(new Float64Array(slots * this.doublesPerSlot))
    this.meta.push(new Int32Array(slots * 3))
    this.ids.push(new Array<string>(slots * this.capacity).fill(''))
    this.used = 0
  }
}

/** a size class as plain data: its chunks (the live arrays, not copies), slots used in the last, free handles */
export interface SizeClassSnapshot {
  rows: Float64Array[]
  meta: Int32Array[]
  ids: string[][]
  used: number
  free: number[]
}

/**
 * A pool as plain data, for a state snapshot: it shares the pool's arrays, so serialise it (structuredClone,
 * a structured-clone serialiser) before the pool changes again.
 */
export interface WindowPoolSnapshot {
  classes: SizeClassSnapshot[]
  distinct: [number, (DistinctCounterSnapshot | null)[]][]
}

/**
 * Where the windows of one rule live. A large population holds hundreds of thousands of windows, most of one or
 * two events; as objects with two arrays each they cost about 250 bytes apiece. Here a window is a slot in a
 * typed-array chunk of its size class (capacity 1, 2, 4, ... events), found by an integer handle; a window that
 * outgrows its slot moves to the next class. WindowState reads and writes a window through its handle.
 */
export class WindowPool {
  private readonly classes: SizeClass[] = []
  /** distinct-value counters of the windows grown past the scan limit, by handle */
  readonly distinct = new Map<number, (DistinctCounter | undefined)[]>()

  constructor(readonly spec: WindowSpec) {}

  /** a new empty window of at least `capacity` events (a power of two) */
  allocate(capacity = 1): number {
    const index = 31 - Math.clz32(capacity)
    let c = this.classes[index]
    if (c === undefined) {
      for (let i = this.classes.length; i <= index; i++) this.classes.push(new SizeClass(i, 1 << i, this.spec))
      c = this.classes[index]!
    }
    const handle = c.allocate()
    // read from the handle here rather than through `locate`, which fills its shared Location
    const slot = (handle >>> CLASS_BITS) & (MAX_SLOTS_PER_CHUNK - 1)
    const chunk = handle >>> (CLASS_BITS + SLOT_BITS)
    const rows = c.rows[chunk]!
    const base = slot * c.doublesPerSlot
    rows[base] = Number.NEGATIVE_INFINITY
    // loops rather than fill(): a builtin call costs more than the few slots of a small window
    for (let i = base + 1; i < base + this.spec.header; i++) rows[i] = 0
    const meta = c.meta[chunk]!
    meta[slot * 3] = 0
    meta[slot * 3 + 1] = 0
    meta[slot * 3 + 2] = 0
    return handle
  }

  /** frees a window: its ids are cleared (they would keep their strings alive) and its slot reused */
  release(handle: number): void {
    const c = this.classes[handle & ((1 << CLASS_BITS) - 1)]!
    const slot = (handle >>> CLASS_BITS) & (MAX_SLOTS_PER_CHUNK - 1)
    const ids = c.ids[handle >>> (CLASS_BITS + SLOT_BITS)]!
    for (let i = slot * c.capacity; i < (slot + 1) * c.capacity; i++) ids[i] = ''
    if (this.distinct.size > 0) this.distinct.delete(handle)
    c.release(handle)
  }

  /**
   * Orders each size class's free slots so that the windows opened next take them from the lowest address up: an
   * expiry visit frees the windows of the parties due that day, scattered over the chunks, and taken in the order
   * they were freed each new window would be a cache miss of its own, where in address order the next one is often
   * in the same line or page. Once a day of event time, after the day's visits (a sort of what is free).
   */
  tidy(): void {
    for (const c of this.classes) c.tidy()
  }

  /**
   * The time from which a window is idle unless an event joins it (WindowState.idleFrom), read from its arrays
   * without pointing a cursor at it: an expiry visit asks it of every window of an entity.
   */
  idleFrom(handle: number): number {
    const c = this.classes[handle & ((1 << CLASS_BITS) - 1)]!
    const slot = (handle >>> CLASS_BITS) & (MAX_SLOTS_PER_CHUNK - 1)
    const chunk = handle >>> (CLASS_BITS + SLOT_BITS)
    const meta = c.meta[chunk]!
    const end = meta[slot * 3 + END]!
    if (end === meta[slot * 3 + HEAD]) return Number.NEGATIVE_INFINITY
    const spec = this.spec
    return c.rows[chunk]![slot * c.doublesPerSlot + spec.header + (end - 1) * spec.stride]! + spec.windowMs + spec.latenessMs
  }

  snapshot(): WindowPoolSnapshot {
    return {
      classes: this.classes.map((c) => c.snapshot()),
      distinct: [...this.distinct].map(([handle, counters]) => [handle, counters.map((c) => c?.snapshot() ?? null)]),
    }
  }

  /** takes over a snapshot's windows; the pool must be fresh, of the same spec */
  restore(s: WindowPoolSnapshot): void {
    if (this.classes.length > 0) throw new Error('a window pool restores into a fresh pool only')
    s.classes.forEach((cs, i) => {
      const c = new SizeClass(i, 1 << i, this.spec)
      c.restore(cs)
      this.classes.push(c)
    })
    for (const [handle, counters] of s.distinct) this.distinct.set(handle, counters.map((c) => (c ? DistinctCounter.restore(c) : undefined)))
  }

  /** the arrays and offsets of a window: its doubles at `base`, its end/head/aggregated head at `metaBase`, ids at `idBase` */
  locate(handle: number): Location {
    const c = this.classes[handle & ((1 << CLASS_BITS) - 1)]!
    const slot = (handle >>> CLASS_BITS) & (MAX_SLOTS_PER_CHUNK - 1)
    const chunk = handle >>> (CLASS_BITS + SLOT_BITS)
    const at = this.location
    at.rows = c.rows[chunk]!
    at.base = slot * c.doublesPerSlot
    at.meta = c.meta[chunk]!
    at.metaBase = slot * 3
    at.ids = c.ids[chunk]!
    at.idBase = slot * c.capacity
    at.capacity = c.capacity
    return at
  }

  /** one Location, refilled by each `locate` (screening is synchronous: callers copy what they need at once) */
  private readonly location: Location = { rows: new Float64Array(0), base: 0, meta: new Int32Array(0), metaBase: 0, ids: [], idBase: 0, capacity: 0 }
}

export interface Location {
  rows: Float64Array
  base: number
  meta: Int32Array
  metaBase: number
  ids: string[]
  idBase: number
  capacity: number
}
