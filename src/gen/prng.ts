/**
 * Seeded pseudo-random numbers (sfc32 seeded through splitmix32). Every random choice of the generator goes
 * through one of these, so the same seed gives the same bytes on every platform.
 */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.u32()
  }

  /** An independent stream derived from this seed and a label, so adding draws in one part leaves others unchanged. */
  static derive(seed: number, label: string): Rng {
    let h = 2166136261
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619)
    return new Rng(seed, h >>> 0)
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t
  }

  /** uniform in [0, 1) */
  float(): number {
    return this.u32() / 4294967296
  }

  /** uniform integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.float() * items.length)] as T
  }

  /** weighted choice; weights need not sum to one */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, w] of items) total += w
    let r = this.float() * total
    for (const [item, w] of items) {
      r -= w
      if (r < 0) return item
    }
    return (items[items.length - 1] as readonly [T, number])[0]
  }

  /** k distinct items (k capped at the list length), in random order */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice()
    const n = Math.min(k, copy.length)
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i))
      const tmp = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = tmp
    }
    return copy.slice(0, n)
  }

  shuffle<T>(items: T[]): T[] {
    return this.sample(items, items.length)
  }

  /** log-uniform integer in [lo, hi]: amounts spread over orders of magnitude the way real payments do */
  logInt(lo: number, hi: number): number {
    const v = Math.exp(Math.log(lo) + this.float() * (Math.log(hi) - Math.log(lo)))
    return Math.min(hi, Math.max(lo, Math.round(v)))
  }

  /** lowercase hex string of n characters */
  hex(n: number): string {
    let s = ''
    while (s.length < n) s += this.u32().toString(16).padStart(8, '0')
    return s.slice(0, n)
  }
}
