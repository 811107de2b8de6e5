import { grown, sortDescending } from './grown.ts'

/** int32s per chunk of a slab: blocks are powers of two no larger, so none straddles two chunks */
const SHIFT = 14
const CHUNK = 1 << SHIFT
const MASK = CHUNK - 1
/** pair classes 0..MAX_PAIRS_CLASS hold 1, 2, 4, ... (slot, handle) pairs; DENSE holds a handle per slot */
const MAX_PAIRS_CLASS = 12
const DENSE = MAX_PAIRS_CLASS + 1
const NONE = -1

/** Blocks of one size in chunks of int32s, freed blocks taken again first. */
class Slab {
  readonly chunks: Int32Array[] = []
  private readonly free: number[] = []
  private next = 0

  constructor(readonly size: number) {}

  allocate(): number {
    const f = this.free.pop()
    if (f !== undefined) return f
    const at = this.next
    this.next += this.size
    if ((at & MASK) === 0) this.chunks.push(new Int32Array(CHUNK))
    return at
  }

  release(at: number): void {
    this.free.push(at)
  }

  /** orders the free blocks so the next ones taken are in address order */
  tidy(): void {
    sortDescending(this.free)
  }
}

/** a row's integers in `columns`: its block's class and window count (`(count << 4) | (class + 1)`, 0: no windows), its block */
const INFO = 0
const BLOCK = 1
/** the first of the integers a row keeps for the table that owns the rows (`extra` of them) */
export const ROW_OWN = 2
const CLASS_MASK = 15

/**
 * The window handles of many rows (the entities of one table) by rule slot, with no object per row: a large
 * population holds hundreds of thousands of entities, most with a few windows (a one-off counterparty). A row's
 * windows are (slot, handle) pairs in a block of a slab by size class, found by a scan (of a few dozen integers at
 * most); a row with windows of more than half the slots gets a block of handles indexed by slot, no larger then.
 * A row's own integers (its block's class, its window count, its block, and the owning table's) are `stride`
 * consecutive integers of one array: a new or returning party touches one place in memory, not a column each.
 */
export class WindowSlots {
  /** per row, `stride` integers: INFO, BLOCK, then the owning table's from ROW_OWN */
  private cols: Int32Array
  /** integers a row */
  readonly stride: number
  private readonly slabs: Slab[] = []

  constructor(
    /** rules of the namespace: handles a row can hold */
    readonly slots: number,
    /** integers a row keeps for the table (from ROW_OWN), 0 for new rows */
    extra = 0,
  ) {
    // a row holds at most slots / 2 pairs before it is dense: the largest pair class must hold them
    if (slots > 2 << MAX_PAIRS_CLASS) throw new Error(`${slots} rules in one namespace: at most ${2 << MAX_PAIRS_CLASS}`)
    this.stride = ROW_OWN + extra
    this.cols = new Int32Array(64 * this.stride)
    const dense = 2 ** Math.ceil(Math.log2(Math.max(slots, 1)))
    for (let c = 0; c <= MAX_PAIRS_CLASS; c++) this.slabs.push(new Slab(2 << c))
    this.slabs.push(new Slab(dense))
  }

  /** every row's integers, `stride` a row (the table's own from ROW_OWN); a new array once `ensure` grows it */
  get columns(): Int32Array {
    return this.cols
  }

  /** rows there is room for */
  get rows(): number {
    return this.cols.length / this.stride
  }

  /** makes room for rows up to `row` (a new row has no windows, and the table's integers 0) */
  ensure(row: number): void {
    const rows = this.cols.length / this.stride
    if (row < rows) return
    this.cols = grown(this.cols, Math.max(row + 1, Math.ceil(rows * 1.5)) * this.stride)
  }

  /** the handle of a row's window of `slot`, -1 when it has none */
  window(row: number, slot: number): number {
    const i = this.handleAt(row, slot)
    return i < 0 ? -1 : this.chunkOf(row)[i]!
  }

  /** sets a row's window handle of `slot`, a new one or one that moved */
  setWindow(row: number, slot: number, handle: number): void {
    const i = this.handleAt(row, slot)
    if (i < 0) this.addWindow(row, slot, handle)
    else this.chunkOf(row)[i] = handle
  }

  /** the chunk of a row's block (the row has one) */
  private chunkOf(row: number): Int32Array {
    const r = row * this.stride
    return this.slabs[(this.cols[r + INFO]! & CLASS_MASK) - 1]!.chunks[this.cols[r + BLOCK]! >>> SHIFT]!
  }

  /** where in its block's chunk a row keeps its handle of `slot`, -1 when it has none */
  private handleAt(row: number, slot: number): number {
    const r = row * this.stride
    const info = this.cols[r + INFO]!
    const c = (info & CLASS_MASK) - 1
    if (c === NONE) return -1
    const at = this.cols[r + BLOCK]!
    const chunk = this.slabs[c]!.chunks[at >>> SHIFT]!
    const o = at & MASK
    if (c === DENSE) return chunk[o + slot]! < 0 ? -1 : o + slot
    const end = o + 2 * (info >>> 4)
    for (let i = o; i < end; i += 2) if (chunk[i] === slot) return i + 1
    return -1
  }

  /** gives a row a window of `slot`, which it has none of (setWindow without the look for it) */
  addWindow(row: number, slot: number, handle: number): void {
    const r = row * this.stride
    const info = this.cols[r + INFO]!
    const c = (info & CLASS_MASK) - 1
    const n = info >>> 4
    if (c !== NONE) {
      const at = this.cols[r + BLOCK]!
      const chunk = this.slabs[c]!.chunks[at >>> SHIFT]!
      const o = at & MASK
      if (c === DENSE) {
        chunk[o + slot] = handle
        this.cols[r + INFO] = info + 16
        return
      }
      if (2 * (n + 1) > this.slots) {
        const to = this.move(row, DENSE, n)
        const dense = this.slabs[DENSE]!
        const d = dense.chunks[to >>> SHIFT]!
        const p = to & MASK
        d.fill(-1, p, p + dense.size)
        for (let i = o; i < o + 2 * n; i += 2) d[p + chunk[i]!] = chunk[i + 1]!
        this.slabs[c]!.release(at)
        d[p + slot] = handle
        this.cols[r + INFO]! += 16
        return
      }
      if (n < 1 << c) {
        chunk[o + 2 * n] = slot
        chunk[o + 2 * n + 1] = handle
        this.cols[r + INFO] = info + 16
        return
      }
    }
    // a row's first window, or one more than its block holds: the next class up
    const to = this.resize(row, c === NONE ? 0 : c + 1, n)
    const chunk = this.slabs[(this.cols[r + INFO]! & CLASS_MASK) - 1]!.chunks[to >>> SHIFT]!
    const o = to & MASK
    chunk[o + 2 * n] = slot
    chunk[o + 2 * n + 1] = handle
    this.cols[r + INFO]! += 16
  }

  /** drops the windows `idle` says can no longer matter (it frees them); returns how many are left */
  dropWindows(row: number, idle: (slot: number, handle: number) => boolean): number {
    const r = row * this.stride
    const info = this.cols[r + INFO]!
    const c = (info & CLASS_MASK) - 1
    if (c === NONE) return 0
    const at = this.cols[r + BLOCK]!
    const chunk = this.slabs[c]!.chunks[at >>> SHIFT]!
    const o = at & MASK
    let kept = 0
    if (c === DENSE) {
      for (let i = 0; i < this.slots; i++) {
        const h = chunk[o + i]!
        if (h < 0) continue
        if (idle(i, h)) chunk[o + i] = -1
        else kept++
      }
    } else {
      // kept pairs move to the front in place, in the order they came
      const end = o + 2 * (info >>> 4)
      let to = o
      for (let i = o; i < end; i += 2) {
        if (idle(chunk[i]!, chunk[i + 1]!)) continue
        chunk[to++] = chunk[i]!
        chunk[to++] = chunk[i + 1]!
      }
      kept = (to - o) / 2
    }
    // the visits do not move this row's block: only adds do
    this.cols[r + INFO] = (kept << 4) | (c + 1)
    if (kept === 0) this.clear(row)
    // a row that lost most of its pairs moves to a smaller block
    else if (c !== DENSE && c > 0 && kept <= 1 << (c - 1)) this.resize(row, Math.ceil(Math.log2(kept)), kept)
    return kept
  }

  /** orders each slab's free blocks so that rows take them from the lowest up (WindowPool.tidy) */
  tidy(): void {
    for (const s of this.slabs) s.tidy()
  }

  /** windows held by a row */
  windowCount(row: number): number {
    return this.cols[row * this.stride + INFO]! >>> 4
  }

  /** the row's windows in the form of a state snapshot: 0, or 1 and its pairs' length and pairs, or 2 and its handle per slot */
  writeTo(row: number, out: number[]): void {
    const info = this.cols[row * this.stride + INFO]!
    const c = (info & CLASS_MASK) - 1
    if (c === NONE) {
      out.push(0)
      return
    }
    const at = this.cols[row * this.stride + BLOCK]!
    const chunk = this.slabs[c]!.chunks[at >>> SHIFT]!
    const o = at & MASK
    if (c === DENSE) {
      out.push(2)
      for (let i = 0; i < this.slots; i++) out.push(chunk[o + i]!)
    } else {
      const n = 2 * (info >>> 4)
      out.push(1, n)
      for (let i = 0; i < n; i++) out.push(chunk[o + i]!)
    }
  }

  /** reads what `writeTo` wrote, at `from.at`, which it moves past, into an empty row */
  readFrom(row: number, data: ArrayLike<number>, from: { at: number }): void {
    this.ensure(row)
    const form = data[from.at++]
    if (form === 2) {
      for (let slot = 0; slot < this.slots; slot++) {
        const h = data[from.at++]!
        if (h >= 0) this.setWindow(row, slot, h)
      }
    } else if (form === 1) {
      const n = data[from.at++]!
      for (let i = 0; i < n; i += 2) this.setWindow(row, data[from.at + i]!, data[from.at + i + 1]!)
      from.at += n
    }
  }

  /** frees a row's block: it holds no windows */
  clear(row: number): void {
    const r = row * this.stride
    const c = (this.cols[r + INFO]! & CLASS_MASK) - 1
    if (c === NONE) return
    this.slabs[c]!.release(this.cols[r + BLOCK]!)
    this.cols[r + INFO] = 0
  }

  /** gives a row a block of class `to` with its first `n` pairs copied over (the old block freed); returns the new block */
  private resize(row: number, to: number, n: number): number {
    const r = row * this.stride
    const c = (this.cols[r + INFO]! & CLASS_MASK) - 1
    const from = this.cols[r + BLOCK]!
    const at = this.move(row, to, n)
    if (c !== NONE) {
      const src = this.slabs[c]!.chunks[from >>> SHIFT]!
      const dst = this.slabs[to]!.chunks[at >>> SHIFT]!
      // a loop rather than set(subarray()): a row's blocks are a few pairs, and a subarray is an object each
      const o = from & MASK
      const d = at & MASK
      for (let i = 0; i < 2 * n; i++) dst[d + i] = src[o + i]!
      this.slabs[c]!.release(from)
    }
    return at
  }

  /** a new block of class `to` for the row (the caller copies into it and frees the old one) */
  private move(row: number, to: number, n: number): number {
    const at = this.slabs[to]!.allocate()
    const r = row * this.stride
    this.cols[r + INFO] = (n << 4) | (to + 1)
    this.cols[r + BLOCK] = at
    return at
  }
}
