/**
 * Numbers for the text values distinct measures count (counterparty ids, surnames, devices), so window
 * rows stay arrays of doubles and counting compares numbers, not strings.
 *
 * A 53-bit hash (cyrb53, public domain), not a table of every value seen: a table would keep every id of
 * the population for the whole batch (millions of one-off counterparties on a long one), a hash costs
 * nothing to keep. Two different values of one window count as one only if their hashes
 * collide: for a window of 1,000 values, a chance of about 1 in 10^10.
 */
export function textNumber(value: string): number {
  // the distinct measures of one record's rules ask for the same few values (its parties' ids, a code, a name)
  for (let i = 0; i < RECENT; i++) if (value === recent[i]) return recentNumbers[i]!
  const n = cyrb53(value)
  recent[next] = value
  recentNumbers[next] = n
  next = (next + 1) % RECENT
  return n
}

/** the values last hashed and their numbers, replaced oldest first */
const RECENT = 4
const recent = new Array<string>(RECENT).fill('')
const recentNumbers = new Array<number>(RECENT).fill(cyrb53(''))
let next = 0

function cyrb53(value: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
