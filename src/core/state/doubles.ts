/**
 * A double array of exactly `n` slots, filled with NaN. State arrays are sized by hand because a `[]` grown
 * by writes or push reserves 17 slots, then grows by half plus 16: most windows and counters of a large
 * population hold one or two entries.
 */
export function doubles(n: number): number[] {
  return new Array<number>(n).fill(Number.NaN)
}
