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

// reused across calls: names are short, and allocating per comparison dominated the profile. The matched letters
// are bit sets (one bit per letter), so a name token needs one word of each cleared, not a byte per letter
let matchedA = new Int32Array(4)
let matchedB = new Int32Array(4)

export function jaroSimilarity(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const wordsA = (la + 31) >>> 5
  const wordsB = (lb + 31) >>> 5
  if (wordsA > matchedA.length) matchedA = new Int32Array(wordsA * 2)
  if (wordsB > matchedB.length) matchedB = new Int32Array(wordsB * 2)
  const usedA = matchedA
  const usedB = matchedB
  for (let w = 0; w < wordsA; w++) usedA[w] = 0
  for (let w = 0; w < wordsB; w++) usedB[w] = 0
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const from = i > window ? i - window : 0
    const to = Math.min(lb - 1, i + window)
    const ch = a.charCodeAt(i)
    for (let j = from; j <= to; j++) {
      if ((usedB[j >>> 5]! & (1 << (j & 31))) === 0 && b.charCodeAt(j) === ch) {
        usedA[i >>> 5]! |= 1 << (i & 31)
        usedB[j >>> 5]! |= 1 << (j & 31)
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let halfTranspositions = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if ((usedA[i >>> 5]! & (1 << (i & 31))) === 0) continue
    while ((usedB[k >>> 5]! & (1 << (k & 31))) === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++
    k++
  }
  const t = halfTranspositions / 2
  return (matches / la + matches / lb + (matches - t) / matches) / 3
}
