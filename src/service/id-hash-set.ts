/**
 * The transfer ids of one batch, to count the ones that come again: each id is kept as a 64-bit hash in an
 * open-addressing table of two Uint32Arrays, about 16 bytes an id, where a Set of strings costs several times
 * that on a batch of millions. Two different ids share a hash with odds of about n²/2⁶⁵ (10 million ids: 3 in a
 * million), which would count one duplicate too many in the batch's report and change nothing else.
 */
export class IdHashSet {
  #hi = new Uint32Array(1024)
  #lo = new Uint32Array(1024)
  #used = new Uint8Array(1024)
  #size = 0

  get size(): number {
    return this.#size
  }

  /** Adds `id`; false when it was there already. */
  add(id: string): boolean {
    const hi = hash32(id, 0x9e3779b9)
    const lo = hash32(id, 0x85ebca6b)
    if ((this.#size + 1) * 2 > this.#used.length) this.#grow()
    return this.#insert(hi, lo)
  }

  #insert(hi: number, lo: number): boolean {
    const mask = this.#used.length - 1
    for (let i = (hi ^ lo) & mask; ; i = (i + 1) & mask) {
      if (!this.#used[i]) {
        this.#used[i] = 1
        this.#hi[i] = hi
        this.#lo[i] = lo
        this.#size++
        return true
      }
      if (this.#hi[i] === hi && this.#lo[i] === lo) return false
    }
  }

  #grow(): void {
    const [hi, lo, used] = [this.#hi, this.#lo, this.#used]
    const n = used.length * 2
    this.#hi = new Uint32Array(n)
    this.#lo = new Uint32Array(n)
    this.#used = new Uint8Array(n)
    this.#size = 0
    for (let i = 0; i < used.length; i++) if (used[i]) this.#insert(hi[i]!, lo[i]!)
  }
}

/** murmur3's 32-bit finaliser over the UTF-16 code units, seeded: two seeds give the 64 bits. */
function hash32(text: string, seed: number): number {
  let h = seed ^ text.length
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995)
    h ^= h >>> 15
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}
