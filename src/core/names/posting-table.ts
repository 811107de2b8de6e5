/**
 * Blocking keys to the names that have them, flat: each key is kept as two 32-bit hashes in an open-addressed table
 * of whole numbers, and all postings lie end to end in one array. A look-up hashes the key's characters and reads
 * one slot, where a Map of strings would hash the string, follow its bucket chain, compare the stored key and read a
 * posting array, each in another place in memory. Two keys share both hashes with odds of about 2^-64 a pair; the
 * table is checked for that when built.
 */
export class PostingTable {
  private readonly slots: Int32Array
  private readonly mask: number
  /** all postings, end to end */
  readonly postings: Int32Array

  constructor(lists: Map<string, number[]>) {
    // filled up to MAX_LOAD: a probe's next slots share its cache line, and a table half the size stays in cache
    // better than one with shorter runs (docs/names.md has the figures for the SDN list)
    let size = 1
    while (size * MAX_LOAD < lists.size) size *= 2
    this.mask = size - 1
    this.slots = new Int32Array(size * SLOT)
    let total = 0
    for (const ids of lists.values()) total += ids.length
    this.postings = new Int32Array(total)
    let at = 0
    for (const [key, ids] of lists) {
      const first = firstHash(key)
      const second = secondHash(key)
      let slot = (first & this.mask) * SLOT
      while (this.slots[slot + LENGTH] !== 0) {
        if (this.slots[slot + FIRST] === first && this.slots[slot + SECOND] === second) throw new Error(`blocking keys share both hashes: ${key}`)
        slot = (slot + SLOT) & (this.mask * SLOT + SLOT - 1)
      }
      this.slots[slot + FIRST] = first
      this.slots[slot + SECOND] = second
      this.slots[slot + START] = at
      this.slots[slot + LENGTH] = ids.length
      this.postings.set(ids, at)
      at += ids.length
    }
  }

  /** The slot of `key` (for start and length), or -1 when no name has it. */
  find(key: string): number {
    const first = firstHash(key)
    const second = secondHash(key)
    const slots = this.slots
    let slot = (first & this.mask) * SLOT
    while (slots[slot + LENGTH] !== 0) {
      if (slots[slot + FIRST] === first && slots[slot + SECOND] === second) return slot
      slot = (slot + SLOT) & (this.mask * SLOT + SLOT - 1)
    }
    return -1
  }

  /** Where the postings of a found slot start in `postings`, and how many there are. */
  start(slot: number): number {
    return this.slots[slot + START]!
  }

  length(slot: number): number {
    return this.slots[slot + LENGTH]!
  }
}

const SLOT = 4
const MAX_LOAD = 0.7
const FIRST = 0
const SECOND = 1
const START = 2
const LENGTH = 3

/** FNV-1a over UTF-16 code units. */
function firstHash(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h
}

/** A multiplicative hash with another multiplier and a final mix, independent enough of the first. */
function secondHash(key: string): number {
  let h = key.length
  for (let i = 0; i < key.length; i++) h = Math.imul(h + key.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
