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
