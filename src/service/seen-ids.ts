/**
 * The transfer ids the real-time history holds, with their times: every id screened or replayed at warm-up is
 * here for as long as its events are kept, so a retry is known however many calls came in between. Ids are
 * forgotten in the order they were added, as pruning passes their time; one added out of time order waits
 * for the ids before it (it costs memory a little longer, never a wrong answer while its events are kept).
 */
export class SeenIds {
  readonly #at = new Map<string, number>()
  #order: string[] = []
  #head = 0

  get size(): number {
    return this.#at.size
  }

  has(id: string): boolean {
    return this.#at.has(id)
  }

  /** `at`: the transfer's time, epoch ms */
  add(id: string, at: number): void {
    if (this.#at.has(id)) return
    this.#at.set(id, at)
    this.#order.push(id)
  }

  delete(id: string): void {
    this.#at.delete(id)
  }

  /** Forgets ids, oldest added first, while their time is before `before` (epoch ms). */
  forgetBefore(before: number): void {
    const order = this.#order
    let head = this.#head
    while (head < order.length) {
      const at = this.#at.get(order[head]!)
      if (at !== undefined && at >= before) break
      if (at !== undefined) this.#at.delete(order[head]!)
      head++
    }
    // drop the forgotten front now and then, so the list does not grow with every id ever added
    if (head > 65_536 && head * 2 > order.length) {
      this.#order = order.slice(head)
      head = 0
    }
    this.#head = head
  }
}
