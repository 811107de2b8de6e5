import { WEIGHT_UNIT, wordWeight, type NameToken, type NormalName } from './normalize-name.ts'
import { formsSimilarity, tokenForms, type TokenForms } from './token-similarity.ts'
import type { TokenPair } from './types.ts'

export interface NameComparison {
  score: number
  /** every token of both names: the aligned pairs, then those left unmatched */
  pairs: TokenPair[]
  rule: ScoreRule
}

/** What set a score besides the aligned tokens (see NameMatch.rule). */
export type ScoreRule = 'one-word' | 'lead' | undefined

/** Similarity of query token `qi` to a candidate token; an index passes a memoised one. */
export type TokenSimilarity = (qi: number, q: NameToken, c: NameToken) => number

// Unmatched candidate tokens (a list's middle names and patronymics) cost a little; unmatched query tokens cost
// their full weight. The split follows moov-io/watchman's best-pairs scoring. Past a third of the listed name's
// weight left without a partner the cost grows faster (issue 17, session names28): a query that gives two words of a
// listed name of four ("Jorge Valdes" for "QUINTERO VALDES, Jorge Armando") is a namesake more often than the person,
// while one word left out (a middle name, a second surname) stays nearly free.
const UNMATCHED_CANDIDATE_PENALTY = 0.15
const UNMATCHED_CANDIDATE_KNEE = 0.34
const UNMATCHED_CANDIDATE_STEEP = 0.5

/**
 * The factor for a candidate of total weight `totalC` of which `matchedC` has a partner; `steep` when two words of
 * the query or more are found (a query with one word found is capped or a lead instead, see ONE_WORD_CAP).
 */
export function unmatchedCandidateFactor(matchedC: number, totalC: number, steep: boolean): number {
  const u = 1 - matchedC / totalC
  return 1 - u * UNMATCHED_CANDIDATE_PENALTY - (steep && u > UNMATCHED_CANDIDATE_KNEE ? (u - UNMATCHED_CANDIDATE_KNEE) * UNMATCHED_CANDIDATE_STEEP : 0)
}
// below this a token pair is no evidence at all, and listing it would only clutter the explanation
export const MIN_PAIR_SCORE = 0.65
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
  return { score: scored.score, pairs: explainAlignment(scored), rule: scored.rule }
}

/** A scored alignment; `explainAlignment` turns it into the explanation, only for the names that are reported. */
export interface Alignment {
  score: number
  query: NormalName
  candidate: NormalName
  chosen: Pair[]
  rule: ScoreRule
}

/** The chosen pairs in query order, then the query's and the candidate's tokens left without a partner. */
export function explainAlignment(a: Alignment): TokenPair[] {
  const qt = a.query.tokens
  const ct = a.candidate.tokens
  let usedQ = 0
  let usedC = 0
  const out: TokenPair[] = [...a.chosen]
    .sort((x, y) => x.q0 - y.q0)
    .map((p) => {
      usedQ |= span(p.q0, p.q1)
      usedC |= span(p.c0, p.c1)
      const queryWeight = shown(weightOf(qt, p.q0, p.q1))
      const candidateWeight = shown(weightOf(ct, p.c0, p.c1))
      return { query: textOf(qt, p.q0, p.q1), candidate: textOf(ct, p.c0, p.c1), score: p.score, queryWeight, candidateWeight }
    })
  qt.forEach((t, i) => {
    if ((usedQ & (1 << i)) === 0) out.push({ query: t.text, candidate: '', score: 0, queryWeight: shown(t.weight), candidateWeight: 0 })
  })
  ct.forEach((t, j) => {
    if ((usedC & (1 << j)) === 0) out.push({ query: '', candidate: t.text, score: 0, queryWeight: 0, candidateWeight: shown(t.weight) })
  })
  return out
}

/** A weight as the explanation shows it: in letters, two decimals. */
function shown(weight: number): number {
  return Math.round((weight / WEIGHT_UNIT) * 100) / 100
}

/**
 * Which runs of tokens of a name (see NameShape) may be written as a word of the other name: a bit per run, the
 * last bit for every run from the 32nd on.
 */
export type RunMask = number
export const ALL_RUNS: RunMask = -1

export function runBit(run: number): number {
  return run < 31 ? 1 << run : 1 << 31
}

/**
 * The score and the chosen pairs: an index scores many names and explains few. `queryRuns` and `candidateRuns` say
 * which runs of each name may be written as a word of the other (an index knows it from its first look): joined
 * forms are tried only for those.
 */
export function scoreNames(
  query: NormalName,
  candidate: NormalName,
  similarity: TokenSimilarity = defaultSimilarity,
  queryRuns: RunMask = ALL_RUNS,
  candidateRuns: RunMask = ALL_RUNS,
): Alignment {
  const qt = query.tokens
  const ct = candidate.tokens
  if (qt.length === 0 || ct.length === 0) return { score: 0, query, candidate, chosen: [], rule: undefined }
  const pairs: Pair[] = []
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const s = similarity(i, qt[i]!, ct[j]!)
      if (s >= MIN_PAIR_SCORE) pairs.push({ score: s, q0: i, q1: i + 1, c0: j, c1: j + 1 })
    }
  }
  let alignment = align(qt, ct, pairs)
  const qs = shapeOf(query)
  const cs = shapeOf(candidate)
  if ((queryRuns | candidateRuns) !== 0 && !alignment.complete && (qt.length > 1 || ct.length > 1)) {
    const before = pairs.length
    addJoinedPairs(query, qs, ct, cs, pairs, false, queryRuns)
    addJoinedPairs(candidate, cs, qt, qs, pairs, true, candidateRuns)
    if (pairs.length > before) alignment = align(qt, ct, pairs)
  }
  let score = alignment.score
  let rule: ScoreRule
  const covered = qs.words.length > 1 ? wordsCovered(qs.words, alignment.usedQ) : 0
  if (covered > 1) {
    // two words or more found: the steeper cost of a listed name left mostly without partners
    const { matchedC, totalC } = alignment
    score *= unmatchedCandidateFactor(matchedC, totalC, true) / unmatchedCandidateFactor(matchedC, totalC, false)
  }
  if (qs.words.length > 1 && covered <= 1) {
    if (score > ONE_WORD_CAP) score = ONE_WORD_CAP
    rule = 'one-word'
  } else if (score < LEAD_SCORE && isLead(query, qs, candidate, cs, (i, j) => similarity(i, qt[i]!, ct[j]!))) {
    score = LEAD_SCORE
    rule = 'lead'
  }
  return { score, query, candidate, chosen: alignment.chosen, rule }
}

/**
 * The most a name scores when only one word of a query of two words or more is found in it ("Ricardo Gutierrez" in
 * "GUTIERREZ RESTREPO, Luis Fernando"): with every detail supporting it (DETAIL_ROOM) still under the default
 * threshold, so that a shared surname or given name is never reported on its own; a lower `minScore` shows it.
 */
export const ONE_WORD_CAP = 0.7

/** How many of the query's words (by index) the alignment covers (`used`, a bit per query token). */
export function wordsCovered(words: readonly number[], used: number): number {
  let n = 0
  for (const i of words) if ((used & (1 << i)) !== 0) n++
  return n
}

/**
 * An upper bound of the alignment score from each token's best pair: `matchedQ` is the query's weight with each token
 * counted at the best score of a pair it may be in (0 for none), `matchedC` the same for the candidate. The score
 * (see align) is sum(pair score x (its query weight + its candidate weight)) / (totalQ + M) times the
 * unmatched-candidate factor, M being the candidate weight matched: at most (matchedQ + min(M, matchedC)) /
 * (totalQ + M) times that factor, whose largest value is at M = matchedC or at M = totalC.
 */
export function boundFromBestPairs(matchedQ: number, totalQ: number, matchedC: number, totalC: number, steep = false): number {
  // M <= matchedC: both the mean and the factor grow with M. M >= matchedC: the mean's numerator is fixed and the
  // factor is linear in M on each side of the knee, so the product is largest at an end of a piece
  let best = ((matchedQ + matchedC) * unmatchedCandidateFactor(matchedC, totalC, steep)) / (totalQ + matchedC)
  best = Math.max(best, (matchedQ + matchedC) / (totalQ + totalC))
  const knee = totalC * (1 - UNMATCHED_CANDIDATE_KNEE)
  if (steep && knee > matchedC && knee < totalC) best = Math.max(best, ((matchedQ + matchedC) * unmatchedCandidateFactor(knee, totalC, true)) / (totalQ + knee))
  return best
}

/**
 * What the comparison reads of a name besides its tokens, worked out once per name: a list name meets many
 * queries, and a query many names.
 */
export interface NameShape {
  /** the tokens that carry the name (see wordIndices) */
  words: number[]
  /** some token romanised from another script */
  romanised: boolean
  /** some token from an abjad or a syllabary, whose joined forms are not sifted by first letter and length */
  loose: boolean
  /** first letters of its word tokens, of all its tokens, and its initials, as letter masks (see letterBit) */
  wordLetters: number
  tokenLetters: number
  initialLetters: number
  /** an initial that is not a letter a-z, which the masks cannot hold */
  oddInitial: boolean
  /**
   * The runs of adjacent tokens that may be written as one word, in the order they are tried, five numbers each:
   * start, end (exclusive), 1 when read backwards, the code of the first letter, the joined length
   */
  runs: readonly number[]
  /** first letters of the runs, as a letter mask */
  runLetters: number
  /** each run's joined forms, made when first needed */
  runForms: (TokenForms | undefined)[] | undefined
}

export const RUN_FIELDS = 5
const OTHER_CHARACTER = 1 << 31

/** A bit per letter a-z; every other character shares one bit, so masks only ever over-approximate. */
export function letterBit(code: number): number {
  return code >= 97 && code <= 122 ? 1 << (code - 97) : OTHER_CHARACTER
}

export function shapeOf(name: NormalName): NameShape {
  if (name.shape !== undefined) return name.shape
  const tokens = name.tokens
  let romanisedName = false
  let loose = false
  let wordLetters = 0
  let tokenLetters = 0
  let initialLetters = 0
  let oddInitial = false
  for (const t of tokens) {
    const bit = letterBit(t.text.charCodeAt(0))
    if (t.approx) romanisedName = true
    if (looseLength(t.approx)) loose = true
    if (t.kind === 'word') wordLetters |= bit
    tokenLetters |= bit
    if (t.kind === 'initial') {
      if (bit === OTHER_CHARACTER) oddInitial = true
      else initialLetters |= bit
    }
  }
  const runs: number[] = []
  let runLetters = 0
  // runs of 2-3 adjacent tokens (or all the syllables of one Chinese or Korean word), each with its joined length;
  // a run of two also backwards, since "MAKHLUF, Rami" is written "Ramimakhluf"
  for (let start = 0; start < tokens.length - 1; start++) {
    const first = tokens[start]!
    let last = Math.min(tokens.length, start + MAX_JOINED)
    if (first.syllable) {
      last = start + 1
      while (last < tokens.length && last - start < MAX_JOINED_SYLLABLES && tokens[last]!.piece === first.piece) last++
    }
    let length = first.text.length
    const letter = first.text.charCodeAt(0)
    for (let end = start + 2; end <= last; end++) {
      length += tokens[end - 1]!.text.length
      runs.push(start, end, 0, letter, length)
      runLetters |= letterBit(letter)
      if (end - start === 2) {
        const backwards = tokens[end - 1]!.text.charCodeAt(0)
        runs.push(start, end, 1, backwards, length)
        runLetters |= letterBit(backwards)
      }
    }
  }
  const shape: NameShape = {
    words: wordIndices(tokens),
    romanised: romanisedName,
    loose,
    wordLetters,
    tokenLetters,
    initialLetters,
    oddInitial,
    runs,
    runLetters,
    runForms: undefined,
  }
  name.shape = shape
  return shape
}

/**
 * The score of a lead: a person's name that shares telling parts with a listed one, as sanctions screening reports
 * for review (OFAC's own search finds "PUTINA, Maria" for "PUTIN" and "KIM, Jong Man" for "KIM JONG UN"). It is
 * the default threshold, so a lead is reported, but below every name whose tokens align well.
 */
export const LEAD_SCORE = 0.84

/** A one-word query leads to a name with a word at least this similar. */
export const LEAD_MIN_PAIR = 0.61
/** A longer query leads to a name where at least LEAD_WORDS of its words each have a partner this similar. */
export const LEAD_WORD = 0.75
export const LEAD_WORDS = 2

/**
 * Whether a person's name is a lead for the query: for a one-word query, some word of the name at least
 * LEAD_MIN_PAIR like it ("PUTIN" in "PUTINA, Maria", "BASHIRUDDIN" in "Bashir"); for a longer query, two of its
 * words or more found at LEAD_WORD or better ("KIM JONG UN" in "KIM, Jong Man"). One shared word of a longer query
 * is never a lead (see ONE_WORD_CAP). None when the query gives an initial the name does not have.
 * Organisations, vessels and aircraft are not led to by shared words: "Tactical" or "Aviation" names a trade.
 * Names romanised from another script are not either: their spelling is already a guess, and leads by spelling
 * there would rank chance resemblances above true renderings.
 */
function isLead(query: NormalName, qs: NameShape, candidate: NormalName, cs: NameShape, sim: PairSimilarity): boolean {
  if (query.kind === 'org' || candidate.kind === 'org') return false
  if (qs.romanised || cs.romanised) return false
  const qWords = qs.words
  const cWords = cs.words
  if (qWords.length === 0 || cWords.length === 0 || initialsDisagree(query.tokens, qs, candidate.tokens, cs)) return false
  const enough = qWords.length === 1 ? LEAD_MIN_PAIR : LEAD_WORD
  let found = 0
  for (const i of qWords) {
    for (const j of cWords) {
      if (sim(i, j) >= enough) {
        found++
        break
      }
    }
  }
  if (found < Math.min(qWords.length, LEAD_WORDS)) return false
  return qWords.length === 1 || findsTellingWords(qWords, candidate.tokens, cWords, sim)
}

/**
 * A longer query leads to a name only when the words it finds there (at LEAD_WORD) are not more common among listed
 * people than the words it leaves out: their weight as a share of their length (see TokenWeights) at least that of
 * the others less LEAD_COMMONER (issue 17, session names30). Two common words ("Mohamed Ali", "Abdul Aziz") do not
 * single out "MOHAMED ALI NKALUBO" or "Abdul Aziz Mahsud", whose telling word is missing; "OSAMA BIN LADEN" still
 * leads to "BIN LADIN, Osama bin Muhammad bin Awad". A list too small to count words (one name) weighs every word
 * its length, and leads as before.
 */
export const LEAD_COMMONER = 0.1

function findsTellingWords(qWords: readonly number[], ct: NameToken[], cWords: readonly number[], sim: PairSimilarity): boolean {
  let foundWeight = 0
  let foundLength = 0
  let leftWeight = 0
  let leftLength = 0
  for (const j of cWords) {
    const t = ct[j]!
    const length = wordWeight(t.text, t.patronymic)
    let found = false
    for (const i of qWords) {
      if (sim(i, j) >= LEAD_WORD) {
        found = true
        break
      }
    }
    if (found) {
      foundWeight += t.weight
      foundLength += length
    } else {
      leftWeight += t.weight
      leftLength += length
    }
  }
  return leftLength === 0 || foundWeight / foundLength >= leftWeight / leftLength - LEAD_COMMONER
}

/** Similarity of query token `i` to candidate token `j`. */
export type PairSimilarity = (i: number, j: number) => number

/**
 * Whether `candidate` is a lead for `query` (see isLead): an index asks it of names it does not align in full, with
 * the similarities it has at hand.
 */
export function leadsTo(query: NormalName, candidate: NormalName, sim: PairSimilarity): boolean {
  return isLead(query, shapeOf(query), candidate, shapeOf(candidate), sim)
}

/** A query initial that no candidate token starts with ("A Nazarbayev", "Nursultan Naza") rules a lead out. */
function initialsDisagree(qt: NameToken[], qs: NameShape, ct: NameToken[], cs: NameShape): boolean {
  if (!qs.oddInitial) return (qs.initialLetters & ~cs.tokenLetters) !== 0
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
function align(qt: NameToken[], ct: NameToken[], pairs: Pair[]): { score: number; complete: boolean; chosen: Pair[]; usedQ: number; matchedC: number; totalC: number } {
  sortPairs(pairs)
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
  score *= unmatchedCandidateFactor(matchedC, totalC, false)
  if (numbersDisagree(qt, usedQ, ct, usedC)) score *= NUMBER_MISMATCH_FACTOR
  return { score: Math.min(1, score), complete, chosen, usedQ, matchedC, totalC }
}

/**
 * Best pair first; on a tie the pair covering more tokens, then the earlier one. In place, by insertion: a name
 * pair has a handful of pairs, and Array.prototype.sort copies them to a work array on every call.
 */
function sortPairs(pairs: Pair[]): void {
  for (let i = 1; i < pairs.length; i++) {
    const p = pairs[i]!
    const width = p.q1 - p.q0 + p.c1 - p.c0
    let at = i
    while (at > 0) {
      const before = pairs[at - 1]!
      if (before.score > p.score || (before.score === p.score && before.q1 - before.q0 + before.c1 - before.c0 >= width)) break
      pairs[at] = before
      at--
    }
    pairs[at] = p
  }
}

/** Each run of one side (see NameShape), joined, against each single word of the other side. */
function addJoinedPairs(
  sideName: NormalName,
  sideShape: NameShape,
  other: NameToken[],
  otherShape: NameShape,
  pairs: Pair[],
  sideIsCandidate: boolean,
  mask: RunMask,
): void {
  const runs = sideShape.runs
  if (runs.length === 0 || mask === 0) return
  // a joined form starts like the word it stands for (outside abjads and syllabaries): most names have no run
  // starting like any word of the other
  const sifted = !sideShape.loose && !otherShape.loose
  if (sifted && (sideShape.runLetters & otherShape.wordLetters) === 0) return
  for (let r = 0; r < runs.length; r += RUN_FIELDS) {
    if ((mask & runBit(r / RUN_FIELDS)) === 0) continue
    if (sifted && (letterBit(runs[r + 3]!) & otherShape.wordLetters) === 0) continue
    addJoined(sideName, sideShape, other, pairs, sideIsCandidate, r)
  }
}

function addJoined(sideName: NormalName, sideShape: NameShape, other: NameToken[], pairs: Pair[], sideIsCandidate: boolean, r: number): void {
  const side = sideName.tokens
  const runs = sideShape.runs
  const start = runs[r]!
  const end = runs[r + 1]!
  const reversed = runs[r + 2] === 1
  const firstLetter = runs[r + 3]!
  const length = runs[r + 4]!
  const approx = side[start]!.approx
  let joined: TokenForms | undefined
  for (let j = 0; j < other.length; j++) {
    const single = other[j]!
    if (single.kind !== 'word') continue
    if (!mayStandFor(looseLength(approx), firstLetter, length, looseLength(single.approx), single.text.charCodeAt(0), single.text.length)) continue
    if (joined === undefined) {
      // a list name is compared with many queries, a query with many names: the joined forms are kept on it
      const forms = (sideShape.runForms ??= [])
      joined = forms[r / RUN_FIELDS]
      if (joined === undefined) {
        let text = ''
        for (let k = start; k < end; k++) text = reversed ? side[k]!.text + text : text + side[k]!.text
        joined = forms[r / RUN_FIELDS] = tokenForms(text)
      }
    }
    const s = formsSimilarity(joined, single, approx || single.approx)
    if (s < MIN_PAIR_SCORE) continue
    pairs.push(sideIsCandidate ? { score: s, q0: j, q1: j + 1, c0: start, c1: end } : { score: s, q0: start, q1: end, c0: j, c1: j + 1 })
  }
}

/**
 * Whether a run (loose when its first token is, its first letter, its joined length) may be written as a word
 * (loose or not, its first letter, its length).
 */
export function mayStandFor(runLoose: boolean, firstLetter: number, length: number, wordLoose: boolean, wordFirst: number, wordLength: number): boolean {
  if (runLoose || wordLoose) return true
  // a joined form starts like the word it stands for and is about as long (an abjad's is shorter)
  return wordFirst === firstLetter && Math.abs(wordLength - length) <= MAX_JOINED_LENGTH_GAP
}

/** Abjads drop vowels and syllabaries add them, so a joined form's length and first letter say little there. */
export function looseLength(approx: NameToken['approx']): boolean {
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
