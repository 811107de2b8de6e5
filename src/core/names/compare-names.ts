import type { NameToken, NormalName } from './normalize-name.ts'
import { tokenSimilarity } from './token-similarity.ts'

/** One aligned pair of the explanation: query token(s), candidate token(s), their similarity. */
export interface AlignedPair {
  query: string
  candidate: string
  score: number
}

export interface NameComparison {
  score: number
  pairs: AlignedPair[]
}

// Unmatched candidate tokens (a list's middle names and patronymics) cost a little; unmatched query tokens cost
// their full weight. The split follows moov-io/watchman's best-pairs scoring.
const UNMATCHED_CANDIDATE_PENALTY = 0.15
// below this a token pair is no evidence at all, and listing it would only clutter the explanation
const MIN_PAIR_SCORE = 0.65
// names that differ in a number ("Snow Storm 1", "Snow Storm 2") are different names
const NUMBER_MISMATCH_FACTOR = 0.7
// a joined form ("Ramimakhlouf") is compared with up to this many adjacent tokens of the other side, or with all the
// syllables of one Chinese or Korean word ("to kul lo su" for "Douglas")
const MAX_JOINED = 3
const MAX_JOINED_SYLLABLES = 8

interface Pair {
  score: number
  q0: number
  q1: number // exclusive
  c0: number
  c1: number
}

/** Token-aligned similarity of a query name to a candidate name, 0 to 1, with the aligned pairs. */
export function compareNames(
  query: NormalName,
  candidate: NormalName,
  similarity: (q: NameToken, c: NameToken) => number = defaultSimilarity,
): NameComparison {
  const qt = query.tokens
  const ct = candidate.tokens
  if (qt.length === 0 || ct.length === 0) return { score: 0, pairs: [] }
  const pairs: Pair[] = []
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const s = similarity(qt[i]!, ct[j]!)
      if (s >= MIN_PAIR_SCORE) pairs.push({ score: s, q0: i, q1: i + 1, c0: j, c1: j + 1 })
    }
  }
  addJoinedPairs(qt, ct, pairs, false)
  addJoinedPairs(ct, qt, pairs, true)
  // best pairs first; on a tie the one covering more tokens
  pairs.sort((a, b) => b.score - a.score || b.q1 - b.q0 + b.c1 - b.c0 - (a.q1 - a.q0 + a.c1 - a.c0))

  const usedQ = new Uint8Array(qt.length)
  const usedC = new Uint8Array(ct.length)
  let weighted = 0
  let matchedQ = 0
  let matchedC = 0
  const chosen: Pair[] = []
  for (const p of pairs) {
    if (anyUsed(usedQ, p.q0, p.q1) || anyUsed(usedC, p.c0, p.c1)) continue
    usedQ.fill(1, p.q0, p.q1)
    usedC.fill(1, p.c0, p.c1)
    const wq = weightOf(qt, p.q0, p.q1)
    const wc = weightOf(ct, p.c0, p.c1)
    weighted += p.score * (wq + wc)
    matchedQ += wq
    matchedC += wc
    chosen.push(p)
  }
  const totalQ = weightOf(qt, 0, qt.length)
  const totalC = weightOf(ct, 0, ct.length)
  let score = weighted / (totalQ + matchedC)
  score *= 1 - (1 - matchedC / totalC) * UNMATCHED_CANDIDATE_PENALTY
  if (numbersDisagree(qt, usedQ, ct, usedC)) score *= NUMBER_MISMATCH_FACTOR
  chosen.sort((a, b) => a.q0 - b.q0)
  return {
    score: Math.min(1, score),
    pairs: chosen.map((p) => ({ query: textOf(qt, p.q0, p.q1), candidate: textOf(ct, p.c0, p.c1), score: p.score })),
  }
}

function defaultSimilarity(q: NameToken, c: NameToken): number {
  return tokenSimilarity(q.text, c.text, q.approx || c.approx)
}

/**
 * Runs of 2-3 adjacent tokens on one side, joined, against each single token of the other side; a run of two also
 * the other way round, since "MAKHLUF, Rami" is written "Ramimakhluf".
 */
function addJoinedPairs(side: NameToken[], other: NameToken[], pairs: Pair[], sideIsCandidate: boolean): void {
  for (let start = 0; start < side.length - 1; start++) {
    const first = side[start]!
    let last = Math.min(side.length, start + MAX_JOINED)
    if (first.syllable) {
      last = start + 1
      while (last < side.length && last - start < MAX_JOINED_SYLLABLES && side[last]!.piece === first.piece) last++
    }
    for (let end = start + 2; end <= last; end++) {
      addJoined(side, other, pairs, sideIsCandidate, start, end, false)
      if (end - start === 2) addJoined(side, other, pairs, sideIsCandidate, start, end, true)
    }
  }
}

function addJoined(
  side: NameToken[],
  other: NameToken[],
  pairs: Pair[],
  sideIsCandidate: boolean,
  start: number,
  end: number,
  reversed: boolean,
): void {
  let joined = ''
  for (let k = start; k < end; k++) joined = reversed ? side[k]!.text + joined : joined + side[k]!.text
  const approx = side[start]!.approx
  for (let j = 0; j < other.length; j++) {
    const single = other[j]!
    // an abjad romanisation is shorter than its vowelled counterpart, so its length says little
    const lengthGap = approx || single.approx ? 0 : Math.abs(single.text.length - joined.length)
    if (single.kind !== 'word' || lengthGap > 2) continue
    const s = tokenSimilarity(joined, single.text, approx || single.approx)
    if (s < MIN_PAIR_SCORE) continue
    pairs.push(sideIsCandidate ? { score: s, q0: j, q1: j + 1, c0: start, c1: end } : { score: s, q0: start, q1: end, c0: j, c1: j + 1 })
  }
}

function numbersDisagree(qt: NameToken[], usedQ: Uint8Array, ct: NameToken[], usedC: Uint8Array): boolean {
  const unmatchedNumber = (tokens: NameToken[], used: Uint8Array) => tokens.some((t, i) => t.kind === 'number' && used[i] === 0)
  const hasNumber = (tokens: NameToken[]) => tokens.some((t) => t.kind === 'number')
  return hasNumber(qt) && hasNumber(ct) && (unmatchedNumber(qt, usedQ) || unmatchedNumber(ct, usedC))
}

function anyUsed(used: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (used[i] === 1) return true
  return false
}

function weightOf(tokens: NameToken[], from: number, to: number): number {
  let w = 0
  for (let i = from; i < to; i++) w += tokens[i]!.weight
  return w
}

function textOf(tokens: NameToken[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.text)
    .join(' ')
}
