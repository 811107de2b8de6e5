import { grown } from './grown.ts'

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
}

/**
 * The window handles of many rows (the entities of one table) by rule slot, with no object per row: a large
 * population holds hundreds of thousands of entities, most with a few windows (a one-off counterparty). A row's
 * windows are (slot, handle) pairs in a block of a slab by size class, found by a scan (of a few dozen integers at
 * most); a row with windows of more than half the slots gets a block of handles indexed by slot, no larger then.
 */
export class WindowSlots {
  /** per row: its block's class (NONE: no windows), its block, its windows */
  private cls = new Int8Array(64).fill(NONE)
  private block = new Int32Array(64)
  private count = new Uint16Array(64)
  private readonly slabs: Slab[] = []

  constructor(
    /** rules of the namespace: handles a row can hold */
    readonly slots: number,
  ) {
    // a row holds at most slots / 2 pairs before it is dense: the largest pair class must hold them
    if (slots > 2 << MAX_PAIRS_CLASS) throw new Error(`${slots} rules in one namespace: at most ${2 << MAX_PAIRS_CLASS}`)
    const dense = 2 ** Math.ceil(Math.log2(Math.max(slots, 1)))
    for (let c = 0; c <= MAX_PAIRS_CLASS; c++) this.slabs.push(new Slab(2 << c))
    this.slabs.push(new Slab(dense))
  }

  /** makes room for rows up to `row` (a new row has no windows) */
  ensure(row: number): void {
    if (row < this.cls.length) return
    const n = Math.max(row + 1, Math.ceil(this.cls.length * 1.5))
    this.cls = grown(this.cls, n, NONE)
    this.block = grown(this.block, n)
    this.count = grown(this.count, n)
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
    return this.slabs[this.cls[row]!]!.chunks[this.block[row]! >>> SHIFT]!
  }

  /** where in its block's chunk a row keeps its handle of `slot`, -1 when it has none */
  private handleAt(row: number, slot: number): number {
    const c = this.cls[row]!
    if (c === NONE) return -1
    const chunk = this.chunkOf(row)
    const o = this.block[row]! & MASK
    if (c === DENSE) return chunk[o + slot]! < 0 ? -1 : o + slot
    const end = o + 2 * this.count[row]!
    for (let i = o; i < end; i += 2) if (chunk[i] === slot) return i + 1
    return -1
  }

  /** gives a row a window of `slot`, which it has none of (setWindow without the look for it) */
  addWindow(row: number, slot: number, handle: number): void {
    const c = this.cls[row]!
    const n = this.count[row]!
    if (c !== NONE) {
      const at = this.block[row]!
      const chunk = this.slabs[c]!.chunks[at >>> SHIFT]!
      const o = at & MASK
      if (c === DENSE) {
        chunk[o + slot] = handle
        this.count[row] = n + 1
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
        this.count[row] = n + 1
        return
      }
      if (n < 1 << c) {
        chunk[o + 2 * n] = slot
        chunk[o + 2 * n + 1] = handle
        this.count[row] = n + 1
        return
      }
    }
    // a row's first window, or one more than its block holds: the next class up
    const to = this.resize(row, c === NONE ? 0 : c + 1, n)
    const chunk = this.slabs[this.cls[row]!]!.chunks[to >>> SHIFT]!
    const o = to & MASK
    chunk[o + 2 * n] = slot
    chunk[o + 2 * n + 1] = handle
    this.count[row] = n + 1
  }

  /** drops the windows `idle` says can no longer matter (it frees them); returns how many are left */
  dropWindows(row: number, idle: (slot: number, handle: number) => boolean): number {
    const c = this.cls[row]!
    if (c === NONE) return 0
    const at = this.block[row]!
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
      const end = o + 2 * this.count[row]!
      let to = o
      for (let i = o; i < end; i += 2) {
        if (idle(chunk[i]!, chunk[i + 1]!)) continue
        chunk[to++] = chunk[i]!
        chunk[to++] = chunk[i + 1]!
      }
      kept = (to - o) / 2
    }
    this.count[row] = kept
    if (kept === 0) this.clear(row)
    // a row that lost most of its pairs moves to a smaller block
    else if (c !== DENSE && c > 0 && kept <= 1 << (c - 1)) this.resize(row, Math.ceil(Math.log2(kept)), kept)
    return kept
  }

  /** windows held by a row */
  windowCount(row: number): number {
    return this.cls[row] === NONE ? 0 : this.count[row]!
  }

  /** the row's windows in the form of a state snapshot: 0, or 1 and its pairs' length and pairs, or 2 and its handle per slot */
  writeTo(row: number, out: number[]): void {
    const c = this.cls[row]!
    if (c === NONE) {
      out.push(0)
      return
    }
    const at = this.block[row]!
    const chunk = this.slabs[c]!.chunks[at >>> SHIFT]!
    const o = at & MASK
    if (c === DENSE) {
      out.push(2)
      for (let i = 0; i < this.slots; i++) out.push(chunk[o + i]!)
    } else {
      const n = 2 * this.count[row]!
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
    const c = this.cls[row]!
    if (c === NONE) return
    this.slabs[c]!.release(this.block[row]!)
    this.cls[row] = NONE
    this.count[row] = 0
  }

  /** gives a row a block of class `to` with its first `n` pairs copied over (the old block freed); returns the new block */
  private resize(row: number, to: number, n: number): number {
    const c = this.cls[row]!
    const from = this.block[row]!
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
    this.cls[row] = to
    this.block[row] = at
    this.count[row] = n
    return at
  }
}
