const RECENT = 8

/**
 * Numbers for the text values distinct measures count (counterparty ids, surnames, devices), so window
 * rows stay arrays of doubles and counting compares numbers, not strings. One interner per screener;
 * it grows with the distinct values seen (a population's ids and names), not with the records.
 */
export class ValueInterner {
  private readonly numbers = new Map<string, number>()
  // the last few answers: the rules of one record ask for the same few values (the counterparty's id, a
  // surname) one after another, and a scan of a few strings in cache beats a probe of a large hash table
  private readonly recentText: string[] = new Array<string>(RECENT).fill('')
  private readonly recentNumber: number[] = new Array<number>(RECENT).fill(-1)
  private next = 0

  number(value: string): number {
    for (let i = 0; i < RECENT; i++) if (this.recentText[i] === value) return this.recentNumber[i]!
    let n = this.numbers.get(value)
    if (n === undefined) {
      n = this.numbers.size
      this.numbers.set(value, n)
    }
    this.recentText[this.next] = value
    this.recentNumber[this.next] = n
    this.next = (this.next + 1) % RECENT
    return n
  }

  get size(): number {
    return this.numbers.size
  }
}
