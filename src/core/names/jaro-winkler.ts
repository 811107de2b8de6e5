const PREFIX_SCALE = 0.1
const PREFIX_LIMIT = 4
// Winkler's rule: the common-prefix boost is only given to pairs that are already similar
const BOOST_THRESHOLD = 0.7

/**
 * Jaro-Winkler similarity of two strings, 0 to 1. Works on UTF-16 code units, which is exact for the ASCII the
 * name normaliser produces.
 */
export function jaroWinkler(a: string, b: string): number {
  const jaro = jaroSimilarity(a, b)
  if (jaro <= BOOST_THRESHOLD) return jaro
  let prefix = 0
  const limit = Math.min(PREFIX_LIMIT, a.length, b.length)
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * PREFIX_SCALE * (1 - jaro)
}

// reused across calls: names are short, and allocating per comparison dominated the profile
let matchedA = new Uint8Array(64)
let matchedB = new Uint8Array(64)

export function jaroSimilarity(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  if (la > matchedA.length) matchedA = new Uint8Array(la * 2)
  if (lb > matchedB.length) matchedB = new Uint8Array(lb * 2)
  matchedA.fill(0, 0, la)
  matchedB.fill(0, 0, lb)
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(lb - 1, i + window)
    const ch = a.charCodeAt(i)
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === ch) {
        matchedA[i] = 1
        matchedB[j] = 1
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let halfTranspositions = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue
    while (matchedB[k] === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++
    k++
  }
  const t = halfTranspositions / 2
  return (matches / la + matches / lb + (matches - t) / matches) / 3
}
