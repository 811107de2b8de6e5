/**
 * Opaque identifiers. A keyed Feistel permutation turns a counter into a number that looks random but never
 * repeats, so party ids and account numbers say nothing about whether a party was planted or when it was made.
 */
export class OpaqueIds {
  private readonly keys: number[]
  private next = 0

  constructor(seed: number, purpose: number) {
    this.keys = [0, 1, 2, 3].map((i) => Math.imul((seed ^ (purpose * 0x27d4eb2d)) >>> 0, 2654435761 + i * 40503) >>> 0)
  }

  /** a fresh 32-bit value, unique for this generator */
  take(): number {
    return this.permute(this.next++)
  }

  /** the value for counter n; `take` never reaches counters at or above 2^31, which callers may reserve */
  at(n: number): number {
    return this.permute(n >>> 0)
  }

  private permute(n: number): number {
    let left = (n >>> 16) & 0xffff
    let right = n & 0xffff
    for (const k of this.keys) {
      const f = (Math.imul(right ^ k, 0x45d9f3b) >>> 0) ^ (right >>> 3)
      const nextRight = (left ^ (f & 0xffff)) & 0xffff
      left = right
      right = nextRight
    }
    return ((left << 16) | right) >>> 0
  }
}

export const hex8 = (n: number): string => n.toString(16).padStart(8, '0')
