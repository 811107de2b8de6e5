/**
 * Lower-cased text for case-insensitive comparisons in conditions, memoised: rules compare the same few
 * values (channels, country codes, party types) on every transfer, and lower-casing them each time would be
 * a large share of rule evaluation. Bounded, so ids and names passing through cannot grow it.
 */
const MAX_ENTRIES = 20_000
let cache = new Map<string, string>()

export function lowerCase(text: string): string {
  let lower = cache.get(text)
  if (lower === undefined) {
    lower = text.toLowerCase()
    if (cache.size >= MAX_ENTRIES) cache = new Map()
    cache.set(text, lower)
  }
  return lower
}

/** any field value as lower-cased text */
export function lowerText(value: unknown): string {
  return typeof value === 'string' ? lowerCase(value) : String(value).toLowerCase()
}

/**
 * `lowerText(a) === lowerText(b)` without the memo for two strings: compared from the end while both are ASCII,
 * whose lower case maps one code unit to one, so ids and names that differ (most pairs a condition compares:
 * sender and receiver ids) differ at once and no lower-cased copy is made or cached. Lower-casing maps each code
 * point on its own (only a Greek capital sigma looks at its neighbours), so a difference in the ASCII tail is a
 * difference of the lower-cased texts; anything else falls back to comparing them.
 */
export function sameText(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return lowerText(a) === lowerText(b)
  let i = a.length
  let j = b.length
  while (i > 0 && j > 0) {
    const x = a.charCodeAt(--i)
    const y = b.charCodeAt(--j)
    if (x >= 128 || y >= 128) return lowerCase(a) === lowerCase(b)
    if (x !== y && (x >= 65 && x <= 90 ? x + 32 : x) !== (y >= 65 && y <= 90 ? y + 32 : y)) return false
  }
  // one is a case-insensitive ASCII tail of the other: equal only when both ended (no code unit lower-cases to nothing)
  return i === 0 && j === 0
}
