import { doubles } from './doubles.ts'

// up to this many distinct values are counted in a flat array scanned in place; a window rarely holds more,
// and a scan of a few numbers costs less than hashing; beyond it a Map takes over
const FLAT_LIMIT = 16

/** A counter as plain data (state snapshots): its value, count pairs, flat or from its map. */
export interface DistinctCounterSnapshot {
  flat?: number[]
  map?: [number, number][]
}

/** How many times each value is in a window; `size` is the number of distinct values present. */
export class DistinctCounter {
  /**
   * value, count, value, count, ... while small: `used` slots of it, the rest spare. It starts with room for
   * one pair and doubles, as most counters of a large population only ever see one or two values.
   */
  private flat: number[] | undefined = doubles(2)
  private used = 0
  private map: Map<number, number> | undefined

  get size(): number {
    return this.flat ? this.used >> 1 : this.map!.size
  }

  add(value: number, delta: 1 | -1): void {
    const flat = this.flat
    if (!flat) {
      const map = this.map!
      const n = (map.get(value) ?? 0) + delta
      if (n <= 0) map.delete(value)
      else map.set(value, n)
      return
    }
    const used = this.used
    for (let i = 0; i < used; i += 2) {
      if (flat[i] !== value) continue
      const n = flat[i + 1]! + delta
      if (n > 0) flat[i + 1] = n
      else {
        // keep the pairs dense: the last pair fills the gap
        flat[i] = flat[used - 2]!
        flat[i + 1] = flat[used - 1]!
        this.used = used - 2
      }
      return
    }
    if (delta < 0) return
    if (used < FLAT_LIMIT * 2) {
      const room = used + 2 <= flat.length ? flat : this.grow(flat)
      room[used] = value
      room[used + 1] = 1
      this.used = used + 2
      return
    }
    const map = new Map<number, number>()
    for (let i = 0; i < used; i += 2) map.set(flat[i]!, flat[i + 1]!)
    map.set(value, 1)
    this.map = map
    this.flat = undefined
  }

  snapshot(): DistinctCounterSnapshot {
    return this.flat ? { flat: this.flat.slice(0, this.used) } : { map: [...this.map!] }
  }

  static restore(s: DistinctCounterSnapshot): DistinctCounter {
    const c = new DistinctCounter()
    if (s.map) {
      c.flat = undefined
      c.map = new Map(s.map)
      return c
    }
    const pairs = s.flat ?? []
    const flat = doubles(Math.max(2, pairs.length))
    for (let i = 0; i < pairs.length; i++) flat[i] = pairs[i]!
    c.flat = flat
    c.used = pairs.length
    return c
  }

  private grow(flat: number[]): number[] {
    const bigger = doubles(2 * flat.length)
    for (let i = 0; i < this.used; i++) bigger[i] = flat[i]!
    return (this.flat = bigger)
  }
}
