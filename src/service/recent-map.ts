/**
 * A map that keeps its `limit` most recently added keys and forgets older ones, in constant time per call.
 *
 * Evicting through a plain `Map` (`map.delete(map.keys().next().value)`) is not constant: V8 leaves a deleted
 * entry in place until the table is rebuilt, and a new iterator walks over every one of them, so a map held at
 * its limit pays more per eviction the longer it runs (`bench/recent-ids.ts`). Here the keys wait in a ring in
 * the order they were added; each remembers its addition number, so a key deleted and added again is not
 * evicted early by its older place in the ring.
 */
export class RecentMap<V> {
  readonly #entries = new Map<string, { value: V; added: number }>()
  readonly #ringKeys: string[] = []
  readonly #ringAdded: number[] = []
  #oldest = 0
  #added = 0

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`a RecentMap keeps at least one key, not ${limit}`)
  }

  get size(): number {
    return this.#entries.size
  }

  get(key: string): V | undefined {
    return this.#entries.get(key)?.value
  }

  has(key: string): boolean {
    return this.#entries.has(key)
  }

  /** adds or replaces `key` as the newest; past the limit the oldest key still in the ring is forgotten */
  set(key: string, value: V): void {
    const added = this.#added++
    this.#entries.set(key, { value, added })
    if (this.#ringKeys.length < this.limit) {
      this.#ringKeys.push(key)
      this.#ringAdded.push(added)
      return
    }
    // the ring is full: its oldest slot becomes this key's, and that slot's key goes unless added again since
    const slot = this.#oldest
    const evicted = this.#ringKeys[slot]!
    if (this.#entries.get(evicted)?.added === this.#ringAdded[slot]) this.#entries.delete(evicted)
    this.#ringKeys[slot] = key
    this.#ringAdded[slot] = added
    this.#oldest = (slot + 1) % this.limit
  }

  delete(key: string): void {
    this.#entries.delete(key)
  }
}
