import type { NameToken, NormalName } from './normalize-name.ts'
import { jaroWinkler } from './jaro-winkler.ts'
import { formsSimilarity, tokenForms } from './token-similarity.ts'

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

/** Similarity of query token `qi` to a candidate token; an index passes a memoised one. */
export type TokenSimilarity = (qi: number, q: NameToken, c: NameToken) => number

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
const MAX_JOINED_LENGTH_GAP = 2
// when every token already has a partner this good, joined forms cannot do better and are not tried
const GOOD_ENOUGH_PAIR = 0.9

export interface Pair {
  score: number
  q0: number
  q1: number // exclusive
  c0: number
  c1: number
}

const defaultSimilarity: TokenSimilarity = (_qi, q, c) => formsSimilarity(q, c, q.approx || c.approx)

/** Token-aligned similarity of a query name to a candidate name, 0 to 1, with the aligned pairs. */
export function compareNames(query: NormalName, candidate: NormalName, similarity: TokenSimilarity = defaultSimilarity): NameComparison {
  const scored = scoreNames(query, candidate, similarity)
  return { score: scored.score, pairs: explainAlignment(scored) }
}

/** A scored alignment; `explainAlignment` turns it into the explanation, only for the names that are reported. */
export interface Alignment {
  score: number
  query: NormalName
  candidate: NormalName
  chosen: Pair[]
}

export function explainAlignment(a: Alignment): AlignedPair[] {
  const qt = a.query.tokens
  const ct = a.candidate.tokens
  return [...a.chosen]
    .sort((x, y) => x.q0 - y.q0)
    .map((p) => ({ query: textOf(qt, p.q0, p.q1), candidate: textOf(ct, p.c0, p.c1), score: p.score }))
}

/** The score and the chosen pairs: an index scores many names and explains few. */
export function scoreNames(query: NormalName, candidate: NormalName, similarity: TokenSimilarity = defaultSimilarity): Alignment {
  const qt = query.tokens
  const ct = candidate.tokens
  if (qt.length === 0 || ct.length === 0) return { score: 0, query, candidate, chosen: [] }
  const pairs: Pair[] = []
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const s = similarity(i, qt[i]!, ct[j]!)
      if (s >= MIN_PAIR_SCORE) pairs.push({ score: s, q0: i, q1: i + 1, c0: j, c1: j + 1 })
    }
  }
  let alignment = align(qt, ct, pairs)
  if (!alignment.complete && (qt.length > 1 || ct.length > 1)) {
    const before = pairs.length
    addJoinedPairs(query, ct, pairs, false)
    addJoinedPairs(candidate, qt, pairs, true)
    if (pairs.length > before) alignment = align(qt, ct, pairs)
  }
  let score = alignment.score
  if (score < LEAD_SCORE && isLead(query, candidate, similarity)) score = LEAD_SCORE
  return { score, query, candidate, chosen: alignment.chosen }
}

/**
 * The score of a lead: a person's name that shares a part with a listed one in a way that sanctions screening
 * reports for review (OFAC's own search does: "JOHN SMITH" finds "JOHN, Damien" at 85). It is the default
 * threshold, so a lead is reported, but below every name whose tokens align well, which it never outranks.
 */
export const LEAD_SCORE = 0.84

// a lead's evidence; see isLead
const LEAD_FIRST_TOKEN = 0.72
const LEAD_SURNAME = 0.9
const LEAD_COVERAGE = 0.61
const LEAD_WHOLE_NAME = 0.84
const LEAD_WHOLE_NAME_TOKEN = 0.8
const LEAD_WHOLE_NAME_SHARE = 0.5

/**
 * Whether a person's name is a lead for another, by the parts screening analysts look at:
 *  - the same first word ("VLADIMIR PUTIN", "VLADIMIR BILIY"; "KIM JONG UN", "KIM, Song Hun"), for names of two
 *    words or more;
 *  - the query's last word is the surname a list marks by a comma ("PABLO ESCOBAR", "ESCOBAR GAVIRIA, Roberto");
 *  - one query word that makes most of the query, found in the name ("PUTIN" in "PUTINA, Maria", "JINPING" in
 *    "LIU, Jingping"), the share of the query times its similarity being at least LEAD_COVERAGE;
 *  - the whole names alike in their written order (Jaro-Winkler over the full strings, as OFAC scores) and sharing
 *    a word that makes half the query ("PUTIN VLADIMIR", "TURIN, Vladimir").
 * None when the query gives an initial the name does not have.
 * Organisations, vessels and aircraft are not led to by a shared word: "Tactical" or "Aviation" names a trade.
 * Names romanised from another script are not either: their spelling is already a guess, and leads by spelling
 * there would rank chance resemblances above true renderings.
 */
function isLead(query: NormalName, candidate: NormalName, similarity: TokenSimilarity): boolean {
  if (query.kind === 'org' || candidate.kind === 'org') return false
  const qt = query.tokens
  const ct = candidate.tokens
  if (romanised(qt) || romanised(ct)) return false
  const qWords = wordIndices(qt)
  const cWords = wordIndices(ct)
  if (qWords.length === 0 || cWords.length === 0 || initialsDisagree(qt, ct)) return false
  const sim = (i: number, j: number) => similarity(i, qt[i]!, ct[j]!)
  const q0 = qWords[0]!
  const c0 = cWords[0]!
  if (qWords.length >= 2 && sim(q0, c0) >= LEAD_FIRST_TOKEN) return true
  if (qWords.length >= 2 && candidate.surnameTokens > c0 && sim(qWords[qWords.length - 1]!, c0) >= LEAD_SURNAME) return true
  let queryWeight = 0
  for (const i of qWords) queryWeight += qt[i]!.weight
  let strong = false
  for (const i of qWords) {
    let best = 0
    for (const j of cWords) best = Math.max(best, sim(i, j))
    const share = qt[i]!.weight / queryWeight
    if (share * best >= LEAD_COVERAGE) return true
    if (share >= LEAD_WHOLE_NAME_SHARE && best >= LEAD_WHOLE_NAME_TOKEN) strong = true
  }
  return strong && jaroWinkler(query.text, candidate.text) >= LEAD_WHOLE_NAME
}

/** Romanised from another script: its spelling is a guess already, and only the aligned sounds are evidence. */
function romanised(tokens: NameToken[]): boolean {
  for (const t of tokens) if (t.approx) return true
  return false
}

/** A query initial that no candidate token starts with ("A Nazarbayev", "Nursultan Naza") rules a lead out. */
function initialsDisagree(qt: NameToken[], ct: NameToken[]): boolean {
  for (const q of qt) {
    if (q.kind !== 'initial') continue
    if (!ct.some((c) => c.text.charCodeAt(0) === q.text.charCodeAt(0))) return true
  }
  return false
}

/** The tokens that carry a name: its words, or when it has none (an acronym of initials, "Z") all its tokens. */
function wordIndices(tokens: NameToken[]): number[] {
  const words: number[] = []
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind === 'word') words.push(i)
  if (words.length === 0) for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind !== 'legal') words.push(i)
  return words
}

/** Greedy best-pairs alignment: each token used once, best pair first; on a tie the pair covering more tokens. */
function align(qt: NameToken[], ct: NameToken[], pairs: Pair[]): { score: number; complete: boolean; chosen: Pair[] } {
  pairs.sort((a, b) => b.score - a.score || b.q1 - b.q0 + b.c1 - b.c0 - (a.q1 - a.q0 + a.c1 - a.c0))
  // token sets as bit masks: names are cut to MAX_NAME_TOKENS, so 32 bits are enough and nothing is allocated
  let usedQ = 0
  let usedC = 0
  let weighted = 0
  let matchedC = 0
  let complete = true
  const chosen: Pair[] = []
  for (const p of pairs) {
    const maskQ = span(p.q0, p.q1)
    const maskC = span(p.c0, p.c1)
    if ((usedQ & maskQ) !== 0 || (usedC & maskC) !== 0) continue
    usedQ |= maskQ
    usedC |= maskC
    const wq = weightOf(qt, p.q0, p.q1)
    const wc = weightOf(ct, p.c0, p.c1)
    weighted += p.score * (wq + wc)
    matchedC += wc
    if (p.score < GOOD_ENOUGH_PAIR) complete = false
    chosen.push(p)
  }
  if (usedQ !== span(0, qt.length)) complete = false
  for (let j = 0; j < ct.length; j++) if ((usedC & (1 << j)) === 0 && ct[j]!.kind === 'word') complete = false
  const totalQ = weightOf(qt, 0, qt.length)
  const totalC = weightOf(ct, 0, ct.length)
  let score = weighted / (totalQ + matchedC)
  score *= 1 - (1 - matchedC / totalC) * UNMATCHED_CANDIDATE_PENALTY
  if (numbersDisagree(qt, usedQ, ct, usedC)) score *= NUMBER_MISMATCH_FACTOR
  return { score: Math.min(1, score), complete, chosen }
}

/**
 * Runs of 2-3 adjacent tokens on one side, joined, against each single token of the other side; a run of two also
 * the other way round, since "MAKHLUF, Rami" is written "Ramimakhluf".
 */
function addJoinedPairs(sideName: NormalName, other: NameToken[], pairs: Pair[], sideIsCandidate: boolean): void {
  const side = sideName.tokens
  for (let start = 0; start < side.length - 1; start++) {
    const first = side[start]!
    let last = Math.min(side.length, start + MAX_JOINED)
    if (first.syllable) {
      last = start + 1
      while (last < side.length && last - start < MAX_JOINED_SYLLABLES && side[last]!.piece === first.piece) last++
    }
    let length = first.text.length
    for (let end = start + 2; end <= last; end++) {
      length += side[end - 1]!.text.length
      addJoined(sideName, other, pairs, sideIsCandidate, start, end, length, false)
      if (end - start === 2) addJoined(sideName, other, pairs, sideIsCandidate, start, end, length, true)
    }
  }
}

function addJoined(
  sideName: NormalName,
  other: NameToken[],
  pairs: Pair[],
  sideIsCandidate: boolean,
  start: number,
  end: number,
  length: number,
  reversed: boolean,
): void {
  const side = sideName.tokens
  const approx = side[start]!.approx
  const firstLetter = side[reversed ? end - 1 : start]!.text.charCodeAt(0)
  let joined: ReturnType<typeof tokenForms> | null = null
  for (let j = 0; j < other.length; j++) {
    const single = other[j]!
    if (single.kind !== 'word') continue
    if (!looseLength(approx) && !looseLength(single.approx)) {
      // a joined form starts like the word it stands for and is about as long (an abjad's is shorter)
      if (single.text.charCodeAt(0) !== firstLetter || Math.abs(single.text.length - length) > MAX_JOINED_LENGTH_GAP) continue
    }
    if (joined === null) {
      // a list name is compared with many queries, a query with many names: its joined forms are kept on it
      const cache = (sideName.joined ??= new Map())
      const key = (start * 32 + end) * 2 + (reversed ? 1 : 0)
      joined = cache.get(key) ?? null
      if (joined === null) {
        let text = ''
        for (let k = start; k < end; k++) text = reversed ? side[k]!.text + text : text + side[k]!.text
        joined = tokenForms(text)
        cache.set(key, joined)
      }
    }
    const s = formsSimilarity(joined, single, approx || single.approx)
    if (s < MIN_PAIR_SCORE) continue
    pairs.push(sideIsCandidate ? { score: s, q0: j, q1: j + 1, c0: start, c1: end } : { score: s, q0: start, q1: end, c0: j, c1: j + 1 })
  }
}

/** Abjads drop vowels and syllabaries add them, so a joined form's length and first letter say little there. */
function looseLength(approx: NameToken['approx']): boolean {
  return approx === 'abjad' || approx === 'syllabic'
}

function numbersDisagree(qt: NameToken[], usedQ: number, ct: NameToken[], usedC: number): boolean {
  const q = numberState(qt, usedQ)
  const c = numberState(ct, usedC)
  return q !== NO_NUMBER && c !== NO_NUMBER && (q === UNMATCHED_NUMBER || c === UNMATCHED_NUMBER)
}

const NO_NUMBER = 0
const MATCHED_NUMBERS = 1
const UNMATCHED_NUMBER = 2

function numberState(tokens: NameToken[], used: number): number {
  let state = NO_NUMBER
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'number') continue
    if ((used & (1 << i)) === 0) return UNMATCHED_NUMBER
    state = MATCHED_NUMBERS
  }
  return state
}

/** Bits from..to-1 set. */
function span(from: number, to: number): number {
  return to - from >= 32 ? -1 : (((1 << (to - from)) - 1) << from) | 0
}

function weightOf(tokens: NameToken[], from: number, to: number): number {
  let w = 0
  for (let i = from; i < to; i++) w += tokens[i]!.weight
  return w
}

function textOf(tokens: NameToken[], from: number, to: number): string {
  if (to - from === 1) return tokens[from]!.text
  return tokens
    .slice(from, to)
    .map((t) => t.text)
    .join(' ')
}
