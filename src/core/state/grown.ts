type Typed = Int8Array | Uint16Array | Int32Array | Float64Array

/** a copy of a per-row column `n` long, its new rows set to `fill` (a table's columns grow by half) */
export function grown<T extends Typed>(column: T, n: number, fill = 0): T {
  const next = new (column.constructor as new (n: number) => T)(n)
  next.set(column as never)
  if (fill !== 0) next.fill(fill, column.length)
  return next
}

/** a free list (of rows, blocks, slots) sorted this way is popped from its lowest number up: in address order */
export const descending = (a: number, b: number): number => b - a
