type Typed = Int8Array | Uint16Array | Int32Array | Float64Array

/** a copy of a per-row column `n` long, its new rows set to `fill` (a table's columns grow by half) */
export function grown<T extends Typed>(column: T, n: number, fill = 0): T {
  const next = new (column.constructor as new (n: number) => T)(n)
  next.set(column as never)
  if (fill !== 0) next.fill(fill, column.length)
  return next
}

/**
 * Sorts a free list (of rows, blocks, window slots: integers from 0 below 2^31) from the highest down, so that it
 * is popped from its lowest up: in address order. Through an `Int32Array`, whose sort compares numbers natively
 * (a comparator function called n log n times cost about as much as the visits that filled the list).
 */
export function sortDescending(list: number[]): void {
  const n = list.length
  if (n < 2) return
  const sorted = Int32Array.from(list).sort()
  for (let i = 0; i < n; i++) list[i] = sorted[n - 1 - i]!
}
