/**
 * Numbers for the text values distinct measures count (counterparty ids, surnames, devices), so window
 * rows stay arrays of doubles and counting compares numbers, not strings. One interner per screener;
 * it grows with the distinct values seen (a population's ids and names), not with the records.
 */
export class ValueInterner {
  private readonly numbers = new Map<string, number>()

  number(value: string): number {
    let n = this.numbers.get(value)
    if (n === undefined) {
      n = this.numbers.size
      this.numbers.set(value, n)
    }
    return n
  }

  get size(): number {
    return this.numbers.size
  }
}
