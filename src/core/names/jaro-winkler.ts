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

// reused across calls: names are short, and allocating per comparison would cost more than comparing. The
// matched letters are bit sets (one bit per letter), so a name token needs one word of each cleared, not a byte
// per letter
let matchedA = new Int32Array(4)
let matchedB = new Int32Array(4)

export function jaroSimilarity(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  if (la <= 32 && lb <= 32) return shortJaro(a, b)
  return longJaro(a, b)
}

/** Jaro similarity by scanning each letter's window, for strings of any length. */
function longJaro(a: string, b: string): number {
  const la = a.length
  const lb = b.length
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

// per character code below 128, the positions of `b` holding it, as a bit set; cleared after each use
const positions = new Int32Array(128)

/**
 * Jaro similarity of two strings of at most 32 code units, with each string's matched letters as one 32-bit set:
 * a letter of `a` takes the first free position of `b` in its window holding the same letter, found from `b`'s
 * position sets rather than by scanning the window. The same matches and transpositions as the scan.
 */
function shortJaro(a: string, b: string): number {
  const la = a.length
  const lb = b.length
  for (let j = 0; j < lb; j++) {
    const c = b.charCodeAt(j)
    if (c >= 128) {
      clearPositions(b, j)
      return longJaro(a, b)
    }
    positions[c]! |= 1 << j
  }
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  let usedA = 0
  let usedB = 0
  let matches = 0
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i)
    if (c >= 128) continue
    const from = i > window ? i - window : 0
    const to = Math.min(lb - 1, i + window)
    if (from > to) continue
    // bits from..to
    const inWindow = (to - from === 31 ? -1 : ((1 << (to - from + 1)) - 1)) << from
    const free = positions[c]! & ~usedB & inWindow
    if (free === 0) continue
    usedA |= 1 << i
    usedB |= free & -free
    matches++
  }
  clearPositions(b, lb)
  if (matches === 0) return 0
  let halfTranspositions = 0
  let restA = usedA
  let restB = usedB
  while (restA !== 0) {
    const i = 31 - Math.clz32(restA & -restA)
    const j = 31 - Math.clz32(restB & -restB)
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++
    restA &= restA - 1
    restB &= restB - 1
  }
  const t = halfTranspositions / 2
  return (matches / la + matches / lb + (matches - t) / matches) / 3
}

function clearPositions(b: string, upTo: number): void {
  for (let j = 0; j < upTo; j++) {
    const c = b.charCodeAt(j)
    if (c < 128) positions[c] = 0
  }
}
