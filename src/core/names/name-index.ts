import { exactKeys, fuzzyKeysOf, hasFuzzyKeys, nameKeys } from './blocking-keys.ts'
import {
  ALL_RUNS,
  boundFromBestPairs,
  explainAlignment,
  LEAD_MIN_PAIR,
  LEAD_SCORE,
  LEAD_WORD,
  LEAD_WORDS,
  leadsTo,
  looseLength,
  MIN_PAIR_SCORE,
  ONE_WORD_CAP,
  scoreNames,
  shapeOf,
  type Alignment,
  type PairSimilarity,
  type TokenSimilarity,
} from './compare-names.ts'
import { applyDetails, DETAIL_ROOM, explainDetails, hasDetails } from './details.ts'
import { IDENTIFIER_MATCH, normaliseIdentifier } from './identifiers.ts'
import { NameTable } from './name-table.ts'
import { PostingTable } from './posting-table.ts'
import { MAX_NAME_TOKENS, normaliseName, type NameKind, type NameToken, type NormalName } from './normalize-name.ts'
import { SimilarityMemo } from './similarity-memo.ts'
import { UNDECIDED } from './token-similarity.ts'
import { TokenWeights } from './token-weights.ts'
import { koreanReading } from './transliterate.ts'
import type { NameIndex, NameMatch, NameSearchOptions, PartyDetails, WatchlistEntry } from './types.ts'

/**
 * The score at or above which a name is reported as a match. Chosen on the labelled cases in test/names (the
 * logic-v2 match/no-match cases sit on either side of it: "Snow"/"Snoe" 0.82 below, "COBADEFFXXX"/"COBADEFF"
 * 0.87 above). It is also the score of a lead (compare-names.ts), one number for both; see docs/names.md.
 */
export const DEFAULT_NAME_THRESHOLD = LEAD_SCORE

const DEFAULT_LIMIT = 10
const SMALL_LIST = 32
// names scored in full per query, best blocking overlap first: bounds the work whatever the list size
const MAX_CANDIDATES = 8
// a shortlist of SHORTLIST_FACTOR times the names to score, ranked by key overlap; the best of it by token
// coverage are scored in full
const SHORTLIST_FACTOR = 2
// a key shared by more names than this says little ("mohammed"); it is skipped when the query has other keys
const MAX_POSTING = 4000
// a fuzzy key (an edit, a sound, a prefix) shared by this many names is skipped: the exact keys find those names
const MAX_FUZZY_POSTING = 150
// a token whose exact key already names this many list names is common: its fuzzy keys are not looked up
const COMMON_TOKEN = 1
const LENGTH_TIE_BREAK = 1e-3
// a fuzzy hit counts for less than an exact one when ranking candidates for scoring
const FUZZY_HIT = 0.7
const SHORT_SKELETON = 2
// the alignment bound is exact arithmetic on the same numbers; this absorbs rounding
const BOUND_SLACK = 1e-9

export interface NameIndexOptions {
  /** score every name instead of the blocked candidates: for measuring what blocking costs in recall */
  exhaustive?: boolean
  /** names scored in full per query (default MAX_CANDIDATES) */
  maxCandidates?: number
  /**
   * align every shortlisted name in full, also those whose first look shows they cannot reach the threshold: the
   * same results, slower; for checking that bound
   */
  alignAll?: boolean
}

interface IndexedName {
  entry: number
  raw: string
  norm: NormalName
  /** sum of its token weights */
  weight: number
}

export function buildNameIndex(entries: WatchlistEntry[], options: NameIndexOptions = {}): NameIndex {
  const names: IndexedName[] = []
  const postings = new Map<string, number[]>()
  const interned = new Map<string, NameToken>()
  // every entry's names first: a word's weight depends on how many entries use it
  const weights = new TokenWeights()
  entries.forEach((entry, e) => {
    const kind = entryKind(entry)
    const seen = new Set<string>()
    const first = names.length
    for (const raw of [entry.name, ...entry.aliases]) {
      const norm = intern(normaliseName(raw, kind, true), interned)
      if (norm.tokens.length === 0 || seen.has(norm.text)) continue
      seen.add(norm.text)
      names.push({ entry: e, raw, norm, weight: 0 })
    }
    weights.addEntry(names.slice(first).map((n) => n.norm))
  })
  names.forEach((n, id) => {
    weights.weigh(n.norm)
    n.weight = n.norm.tokens.reduce((w, t) => w + t.weight, 0)
    const keys = new Set<string>()
    for (const group of nameKeys(n.norm)) for (const k of group.keys) keys.add(k)
    for (const k of keys) {
      const list = postings.get(k)
      if (list) list.push(id)
      else postings.set(k, [id])
    }
  })
  // entries by identifier, and each entry's names
  const byIdentifier = new Map<string, number[]>()
  const namesOf: number[][] = entries.map(() => [])
  // each name's entry and its type, flat, for the candidates a query drops
  const entryOf = Int32Array.from(names, (n) => n.entry)
  const entryTypes = Uint8Array.from(names, (n) => typeCode(entries[n.entry]!))
  names.forEach((n, id) => namesOf[n.entry]!.push(id))
  entries.forEach((entry, e) => {
    for (const raw of entry.identifiers ?? []) {
      const k = normaliseIdentifier(raw)
      if (k === '') continue
      const list = byIdentifier.get(k)
      if (list) list.push(e)
      else byIdentifier.set(k, [e])
    }
  })
  const postingTable = new PostingTable(postings)
  postings.clear()
  const postingIds = postingTable.postings
  // per name, side by side (a posting walk reads and writes all of them for ids in no order: one cache line, not
  // four arrays): key overlap with the query, weight of the query tokens it shares, the stamp of the query token
  // that last counted it, its own weight
  const tally = new Float64Array(names.length * TALLY)
  names.forEach((n, id) => {
    tally[id * TALLY + COUNTED_BY] = -1
    tally[id * TALLY + NAME_WEIGHT] = n.weight
  })
  let stampCounter = 0
  // where reads made only to bring memory into cache go, so that they are not optimised away
  let touchedSink = 0
  // per query, reused: the names a posting walk touched and those that may reach the floor (no array grows per
  // query: a common token touches thousands), and per query token whether keys were skipped or it has none
  const touched = new Int32Array(names.length)
  let touchedCount = 0
  const reachable = new Int32Array(names.length)
  const skipped = new Uint8Array(MAX_NAME_TOKENS)
  const keyless = new Uint8Array(MAX_NAME_TOKENS)
  // the query token whose keys are being looked up (lookUp reads these rather than closing over them)
  let lookupToken: NameToken | undefined
  let lookupIndex = 0
  let lookupMark = 0
  let lookupTokens = 0
  let exactHits = 0

  /** Counts the names under key `k` for the current query token. */
  function lookUp(k: string, fuzzy: boolean): void {
    const token = lookupToken!
    // a short sound skeleton ("~mt") is only worth its long posting for a token written without vowels
    if (fuzzy && k.charCodeAt(0) === 126 /* ~ */ && k.length <= SHORT_SKELETON + 1 && token.approx !== 'abjad') return
    const slot = postingTable.find(k)
    if (slot < 0) return
    const from = postingTable.start(slot)
    const count = postingTable.length(slot)
    // a fuzzy key is a misspelt token's only evidence, so only a token found as written gives up long ones
    if ((fuzzy && exactHits > 0 && count > MAX_FUZZY_POSTING) || (count > MAX_POSTING && lookupTokens > 1)) {
      skipped[lookupIndex] = 1
      return
    }
    if (!fuzzy) exactHits += count
    // rare keys say more than common ones (inverse document frequency), so "mire" outranks "mohammed"
    const gain = (fuzzy ? token.weight * FUZZY_HIT : token.weight) * Math.log2(1 + names.length / count)
    const mark = lookupMark
    const weight = token.weight
    for (let i = from; i < from + count; i++) {
      const id = postingIds[i]!
      const at = id * TALLY
      if (tally[at + COUNTED_BY] === mark) continue
      if (tally[at + OVERLAP] === 0) touched[touchedCount++] = id
      tally[at + COUNTED_BY] = mark
      tally[at + OVERLAP] = tally[at + OVERLAP]! + gain
      tally[at + HIT_WEIGHT] = tally[at + HIT_WEIGHT]! + weight
    }
  }

  /**
   * The names worth scoring: those sharing the most key weight with the query, less those that cannot reach
   * `floor` even if every token they share matched perfectly (query tokens they share nothing with score 0).
   */
  function candidates(query: NormalName, floor: number, k: number, similarity: TokenSimilarity): number[] {
    // a list this short costs less to score whole than to block
    if (options.exhaustive || names.length <= SMALL_LIST) return names.map((_, i) => i)
    touchedCount = 0
    const tokens = query.tokens
    skipped.fill(0, 0, tokens.length)
    keyless.fill(0, 0, tokens.length)
    lookupTokens = tokens.length
    for (let g = 0; g < tokens.length; g++) {
      lookupToken = tokens[g]!
      lookupIndex = g
      lookupMark = stampCounter++
      exactHits = 0
      const exact = exactKeys(query, g)
      for (const k of exact) lookUp(k, false)
      // a common token's exact key already finds its names; its edits and sounds would only find them again, so
      // they are made only for a token found in few names
      if (exactHits > COMMON_TOKEN) {
        if (hasFuzzyKeys(query, g, exact)) skipped[g] = 1
        continue
      }
      const fuzzy = fuzzyKeysOf(query, g, exact, 'query')
      if (exact.length === 0 && fuzzy.length === 0) keyless[g] = 1
      for (const k of fuzzy) lookUp(k, true)
    }
    lookupToken = undefined
    // tokens without keys of their own (initials, particles, legal forms) or with keys skipped may still match:
    // count them as shared; so are tokens from an abjad or a syllabary, whose keys only approximate how the other
    // script spells them ("fldymyrwfytsh", "vladimirovich")
    let queryWeight = 0
    let unseen = 0
    for (let g = 0; g < tokens.length; g++) {
      const t = tokens[g]!
      queryWeight += t.weight
      if (keyless[g] === 1 || t.kind !== 'word' || skipped[g] === 1 || looseLength(t.approx)) unseen += t.weight
    }
    let reachableCount = 0
    for (let n = 0; n < touchedCount; n++) {
      const id = touched[n]!
      const at = id * TALLY
      const shared = Math.min(queryWeight, tally[at + HIT_WEIGHT]! + unseen)
      const candidateWeight = tally[at + NAME_WEIGHT]!
      // on equal overlap the shorter name first: it leaves less of itself unmatched
      if ((shared + candidateWeight) / (queryWeight + candidateWeight) >= floor) {
        reachable[reachableCount++] = id
        tally[at + OVERLAP] = tally[at + OVERLAP]! - LENGTH_TIE_BREAK * candidateWeight
      }
    }
    let chosen = topByOverlap(reachable, reachableCount, tally, k * SHORTLIST_FACTOR)
    if (chosen.length * MAX_NAME_TOKENS > queryBests.length) {
      queryBests = new Float64Array(chosen.length * MAX_NAME_TOKENS)
      nameBests = new Float64Array(chosen.length * MAX_NAME_TOKENS)
    }
    // the shortlist's records are scattered over the table: asking for all of them first lets their cache misses
    // overlap, instead of each waiting for the work on the one before
    let first = 0
    for (let rank = 0; rank < chosen.length; rank++) first |= table.tokenCount(table.record(chosen[rank]!))
    // and then their tokens' memo records
    for (let rank = 0; rank < chosen.length; rank++) {
      const record = table.record(chosen[rank]!)
      for (let j = table.tokenCount(record) - 1; j >= 0; j--) first |= memo.touch(table.tokenId(record, j))
    }
    touchedSink = first
    const queryWords = shapeOf(query).words
    for (let rank = 0; rank < chosen.length; rank++) examine(chosen[rank]!, rank, query, queryWords, similarity)
    // the overlap rank breaks ties
    if (chosen.length > k) {
      sortByCoverage(chosen)
      chosen.length = k
    }
    for (const id of chosen) bound(id, query, queryWords)
    for (let n = 0; n < touchedCount; n++) {
      const at = touched[n]! * TALLY
      tally[at + OVERLAP] = 0
      tally[at + HIT_WEIGHT] = 0
    }
    return chosen
  }

  /**
   * A first look at a candidate, from the flat table and the memoised token similarities, for two numbers:
   *  - its coverage of the query (examine): each query token's best similarity to any of the name's tokens,
   *    weighted. The `k` of a shortlist (best key overlap first) that cover most of the query are the names looked
   *    at further: names sharing only a common word ("amin", "inversiones") tie on key overlap, and the similarity
   *    of their other words, memoised across the many names that share them, tells them apart;
   *  - for those `k`, an upper bound of the alignment score (bound, see boundFromBestPairs) and whether the name
   *    may be a lead, so that names that cannot reach the threshold are not aligned in full.
   */
  const coverage = new Float64Array(names.length)
  const upperBound = new Float64Array(names.length)
  const rankOf = new Int32Array(names.length)
  let queryBests = new Float64Array(0)
  let nameBests = new Float64Array(0)
  const leadable = new Uint8Array(names.length)
  // which runs of tokens of the query and of the name may be written as a word of the other (RunMask)
  const joinableQueryRuns = new Int32Array(names.length)
  const joinableNameRuns = new Int32Array(names.length)
  const examined = new Int32Array(names.length).fill(-1)
  let examination = 0
  const table = new NameTable(names.map((n) => n.norm))
  const queryTable = new NameTable()
  const rawBest = new Float64Array(MAX_NAME_TOKENS)
  function examine(id: number, rank: number, query: NormalName, queryWords: readonly number[], similarity: TokenSimilarity): void {
    const qt = query.tokens
    const record = table.record(id)
    const count = table.tokenCount(record)
    // each shortlisted name's best pairs by query token and by name token, side by side, for bound
    const at = rank * MAX_NAME_TOKENS
    const qb = queryBests
    const nb = nameBests
    // loops rather than fill: these are a few numbers, and a call to fill costs more than writing them
    for (let i = 0; i < qt.length; i++) rawBest[i] = qb[at + i] = 0
    for (let j = 0; j < count; j++) {
      const t = table.tokenId(record, j)
      // the token's memo row is found only for a pair the record leaves undecided: most names never need it
      let row = -1
      let best = 0
      for (let i = 0; i < qt.length; i++) {
        let s: number
        if (t < 0) s = similarity(i, qt[i]!, names[id]!.norm.tokens[j]!)
        else {
          s = table.quickSimilarity(record, j, qt[i]!)
          if (s === UNDECIDED) s = memo.at(row < 0 ? (row = memo.row(t)) : row, i, qt[i]!, t)
        }
        if (s > rawBest[i]!) rawBest[i] = s
        if (s < MIN_PAIR_SCORE) continue
        if (s > qb[at + i]!) qb[at + i] = s
        if (s > best) best = s
      }
      nb[at + j] = best
    }
    let covered = 0
    let rawMax = 0
    for (let i = 0; i < qt.length; i++) {
      covered += qt[i]!.weight * rawBest[i]!
      if (rawBest[i]! > rawMax) rawMax = rawBest[i]!
    }
    coverage[id] = covered - rank * 1e-9 - LENGTH_TIE_BREAK * 1e-3 * table.totalWeight(record)
    rankOf[id] = rank
    // what a lead needs at least (see isLead): one word at LEAD_MIN_PAIR for a one-word query, else LEAD_WORDS at
    // LEAD_WORD (the best pair of any token bounds that of a word)
    if (queryWords.length === 1) leadable[id] = rawMax >= LEAD_MIN_PAIR ? 1 : 0
    else {
      let strong = 0
      for (const i of queryWords) if (rawBest[i]! >= LEAD_WORD) strong++
      leadable[id] = strong >= LEAD_WORDS ? 1 : 0
    }
  }

  /** Largest coverage first, in place and stable (a shortlist is 16-20 names; sort would copy them and box a closure). */
  function sortByCoverage(ids: number[]): void {
    for (let i = 1; i < ids.length; i++) {
      const id = ids[i]!
      const c = coverage[id]!
      let at = i
      while (at > 0 && coverage[ids[at - 1]!]! < c) {
        ids[at] = ids[at - 1]!
        at--
      }
      ids[at] = id
    }
  }

  /** The rest of the first look, for the shortlisted names kept: the bound, joinable runs, whether a lead. */
  function bound(id: number, query: NormalName, queryWords: readonly number[]): void {
    const qt = query.tokens
    const record = table.record(id)
    const count = table.tokenCount(record)
    const at = rankOf[id]! * MAX_NAME_TOKENS
    const queryRecord = queryTable.record(0)
    let queryRuns = 0
    let nameRuns = 0
    if (qt.length > 1 || count > 1) {
      queryRuns = queryTable.markJoinable(queryRecord, queryBests, at, table, record, nameBests, at)
      nameRuns = table.markJoinable(record, nameBests, at, queryTable, queryRecord, queryBests, at)
    }
    joinableQueryRuns[id] = queryRuns
    joinableNameRuns[id] = nameRuns
    let matchedQ = 0
    for (let i = 0; i < qt.length; i++) matchedQ += qt[i]!.weight * queryBests[at + i]!
    let matchedC = 0
    for (let j = 0; j < count; j++) matchedC += table.weight(record, j) * nameBests[at + j]!
    upperBound[id] = boundFromBestPairs(matchedQ, queryTable.totalWeight(queryRecord), matchedC, table.totalWeight(record))
    if (queryWords.length > 1) {
      // a query word without a pair can be in no aligned pair: with at most one that has one, the score is capped
      let found = 0
      for (const i of queryWords) if (queryBests[at + i]! > 0) found++
      if (found <= 1 && upperBound[id]! > ONE_WORD_CAP) upperBound[id] = ONE_WORD_CAP
    }
    if (leadable[id] === 1 && !queryTable.mayLead(queryRecord, table, record)) leadable[id] = 0
    examined[id] = examination
  }

  const memo = new SimilarityMemo([...interned.values()])

  /** Similarities of the query's tokens to name `id`'s by position, read through its interned ids. */
  function pairSimilarity(id: number, query: NormalName, similarity: TokenSimilarity): PairSimilarity {
    const record = table.record(id)
    const qt = query.tokens
    return (i, j) => {
      const t = table.tokenId(record, j)
      return t >= 0 ? memo.get(i, qt[i]!, t) : similarity(i, qt[i]!, names[id]!.norm.tokens[j]!)
    }
  }

  function search(query: string, opts: NameSearchOptions = {}): NameMatch[] {
    const minScore = opts.minScore ?? DEFAULT_NAME_THRESHOLD
    const best = new Map<number, { score: number; name: IndexedName; alignment: Alignment }>()
    const details: PartyDetails | undefined = hasDetails(opts) ? opts : undefined
    // details can lift a score a little, so the pruning floor leaves room for them
    const floor = minScore - (details ? DETAIL_ROOM : 0)
    const identified = new Set<number>()
    for (const raw of opts.identifiers ?? []) for (const e of byIdentifier.get(normaliseIdentifier(raw)) ?? []) identified.add(e)
    const limit = Math.max(options.maxCandidates ?? MAX_CANDIDATES, opts.limit ?? DEFAULT_LIMIT)
    // a name in Chinese characters may be Korean: it is searched under both readings, each name keeping its best
    const korean = koreanReading(query)
    for (const reading of korean === undefined ? [query] : [query, korean]) {
      const q = normaliseName(reading, opts.type)
      if (q.tokens.length === 0) continue
      weights.weigh(q)
      const similarity = memo.forQuery(q)
      queryTable.clear()
      queryTable.add(q)
      examination++
      const ids = candidates(q, floor, limit, similarity)
      for (const e of identified) ids.push(...namesOf[e]!)
      for (const id of ids) {
        if (!typeAllowed(entryTypes[id]!, opts.type)) continue
        const e = entryOf[id]!
        const entry = entries[e]!
        // most candidates are near misses: their first look can show they stay under the threshold (details move
        // a score up or down with it)
        if (examined[id] === examination && !identified.has(e) && !options.alignAll) {
          const reachable =
            withDetails(upperBound[id]! + BOUND_SLACK, entry, details) >= minScore ||
            (leadable[id] === 1 && withDetails(LEAD_SCORE, entry, details) >= minScore && leadsTo(q, names[id]!.norm, pairSimilarity(id, q, similarity)))
          if (!reachable) continue
        }
        const name = names[id]!
        const looked = examined[id] === examination && !options.alignAll
        const scored = scoreNames(q, name.norm, similarity, looked ? joinableQueryRuns[id] : ALL_RUNS, looked ? joinableNameRuns[id] : ALL_RUNS)
        let score = withDetails(scored.score, entry, details)
        if (identified.has(name.entry)) score = Math.max(score, IDENTIFIER_MATCH)
        if (score < minScore) continue
        const previous = best.get(name.entry)
        // an entry's best name; on a tie (details can lift two names to 1) the one whose names align better
        if (previous && (previous.score > score || (previous.score === score && previous.alignment.score >= scored.score))) continue
        best.set(name.entry, { score, name, alignment: scored })
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, opts.limit ?? DEFAULT_LIMIT)
      .map((m) => {
        const entry = entries[m.name.entry]!
        const match: NameMatch = {
          entry,
          score: m.score,
          matchedName: m.name.raw,
          explanation: explainAlignment(m.alignment),
          nameScore: m.alignment.score,
          details: details ? explainDetails(m.alignment.score, entry, details) : [],
        }
        if (m.alignment.rule !== undefined) match.rule = m.alignment.rule
        return match
      })
  }

  return { size: entries.length, search }
}

function withDetails(score: number, entry: WatchlistEntry, details: PartyDetails | undefined): number {
  return details === undefined ? score : applyDetails(score, entry, details)
}

function entryKind(entry: WatchlistEntry): NameKind {
  if (entry.type === 'person') return 'person'
  if (entry.type === 'unknown') return undefined
  return 'org'
}

// an entry's type as the type filter reads it
const PERSON = 0
const NOT_PERSON = 1
const EITHER = 2

function typeCode(entry: WatchlistEntry): number {
  return entry.type === 'unknown' ? EITHER : entry.type === 'person' ? PERSON : NOT_PERSON
}

function typeAllowed(code: number, type: NameSearchOptions['type']): boolean {
  if (!type || code === EITHER) return true
  return type === 'person' ? code === PERSON : code !== PERSON
}

// a name's numbers in the tally: see candidates
const TALLY = 4
const OVERLAP = 0
const HIT_WEIGHT = 1
const COUNTED_BY = 2
const NAME_WEIGHT = 3

/**
 * The `k` of the first `count` ids with the largest overlap, best first, without sorting them all (a common token
 * touches thousands).
 */
function topByOverlap(ids: Int32Array, count: number, tally: Float64Array, k: number): number[] {
  const top: number[] = []
  let floor = -Infinity
  for (let n = 0; n < count; n++) {
    const id = ids[n]!
    const v = tally[id * TALLY + OVERLAP]!
    if (top.length === k && v <= floor) continue
    let at = top.length === k ? k - 1 : top.length
    while (at > 0 && tally[top[at - 1]! * TALLY + OVERLAP]! < v) {
      top[at] = top[at - 1]!
      at--
    }
    top[at] = id
    if (top.length > k) top.length = k
    floor = tally[top[top.length - 1]! * TALLY + OVERLAP]!
  }
  return top
}

/** One shared token object per distinct token, numbered, so comparisons can be memoised by number. */
function intern(name: NormalName, interned: Map<string, NameToken>): NormalName {
  const tokens = name.tokens.map((t) => {
    if (t.syllable) return t // joined with its neighbours by piece: keep it apart
    const key = `${t.kind}|${t.approx ?? ''}|${t.patronymic ? 'p' : ''}|${t.text}`
    let shared = interned.get(key)
    if (!shared) {
      t.id = interned.size
      interned.set(key, (shared = t))
    }
    return shared
  })
  return { ...name, tokens }
}
