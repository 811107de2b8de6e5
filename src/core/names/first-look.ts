import {
  boundFromBestPairs,
  LEAD_MIN_PAIR,
  LEAD_WORD,
  LEAD_WORDS,
  MIN_PAIR_SCORE,
  ONE_WORD_CAP,
  shapeOf,
  type TokenSimilarity,
} from './compare-names.ts'
import type { IndexedNames } from './indexed-names.ts'
import { LENGTH_TIE_BREAK } from './key-blocking.ts'
import { NameTable } from './name-table.ts'
import { MAX_NAME_TOKENS, type NormalName } from './normalize-name.ts'
import { UNDECIDED } from './token-similarity.ts'

/**
 * A first look at the shortlisted names of one query, from the flat table and the memoised token similarities,
 * for two numbers:
 *  - its coverage of the query (examine): each query token's best similarity to any of the name's tokens,
 *    weighted. The `k` of a shortlist (best key overlap first) that cover most of the query are the names looked
 *    at further: names sharing only a common word ("amin", "inversiones") tie on key overlap, and the similarity
 *    of their other words, memoised across the many names that share them, tells them apart;
 *  - for those `k`, an upper bound of the alignment score (bound, see boundFromBestPairs) and whether the name
 *    may be a lead, so that names that cannot reach the threshold are not aligned in full.
 * Its arrays are indexed by name id and reused by every query; `examination` stamps the names looked at for the
 * current one.
 */
export class FirstLook {
  private readonly coverage: Float64Array
  readonly upperBound: Float64Array
  private readonly rankOf: Int32Array
  private queryBests = new Float64Array(0)
  private nameBests = new Float64Array(0)
  readonly leadable: Uint8Array
  /** which runs of tokens of the query and of the name may be written as a word of the other (RunMask) */
  readonly joinableQueryRuns: Int32Array
  readonly joinableNameRuns: Int32Array
  private readonly examined: Int32Array
  private examination = 0
  private readonly queryTable = new NameTable()
  private readonly rawBest = new Float64Array(MAX_NAME_TOKENS)
  /** where reads made only to bring memory into cache go, so that they are not optimised away */
  private touchedSink = 0

  constructor(private readonly index: IndexedNames) {
    const count = index.names.length
    this.coverage = new Float64Array(count)
    this.upperBound = new Float64Array(count)
    this.rankOf = new Int32Array(count)
    this.leadable = new Uint8Array(count)
    this.joinableQueryRuns = new Int32Array(count)
    this.joinableNameRuns = new Int32Array(count)
    this.examined = new Int32Array(count).fill(-1)
  }

  /** Starts a query: names looked at for an earlier one no longer count as looked at. */
  begin(query: NormalName): void {
    this.queryTable.clear()
    this.queryTable.add(query)
    this.examination++
  }

  /** Whether name `id` had a first look for the current query (its bound and lead flag hold). */
  looked(id: number): boolean {
    return this.examined[id] === this.examination
  }

  /** The `k` names of the shortlist that cover most of the query, each with its bound and lead flag. */
  keep(shortlist: number[], query: NormalName, k: number, similarity: TokenSimilarity): number[] {
    const { table, memo } = this.index
    if (shortlist.length * MAX_NAME_TOKENS > this.queryBests.length) {
      this.queryBests = new Float64Array(shortlist.length * MAX_NAME_TOKENS)
      this.nameBests = new Float64Array(shortlist.length * MAX_NAME_TOKENS)
    }
    // the shortlist's records are scattered over the table: asking for all of them first lets their cache misses
    // overlap, instead of each waiting for the work on the one before
    let first = 0
    for (let rank = 0; rank < shortlist.length; rank++) first |= table.tokenCount(table.record(shortlist[rank]!))
    // and then their tokens' memo records
    for (let rank = 0; rank < shortlist.length; rank++) {
      const record = table.record(shortlist[rank]!)
      for (let j = table.tokenCount(record) - 1; j >= 0; j--) first |= memo.touch(table.tokenId(record, j))
    }
    this.touchedSink = first
    const queryWords = shapeOf(query).words
    for (let rank = 0; rank < shortlist.length; rank++) this.examine(shortlist[rank]!, rank, query, queryWords, similarity)
    // the overlap rank breaks ties
    if (shortlist.length > k) {
      this.sortByCoverage(shortlist)
      shortlist.length = k
    }
    for (const id of shortlist) this.bound(id, query, queryWords)
    return shortlist
  }

  private examine(id: number, rank: number, query: NormalName, queryWords: readonly number[], similarity: TokenSimilarity): void {
    const { table, memo, names } = this.index
    const qt = query.tokens
    const record = table.record(id)
    const count = table.tokenCount(record)
    // each shortlisted name's best pairs by query token and by name token, side by side, for bound
    const at = rank * MAX_NAME_TOKENS
    const qb = this.queryBests
    const nb = this.nameBests
    const rawBest = this.rawBest
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
    this.coverage[id] = covered - rank * 1e-9 - LENGTH_TIE_BREAK * 1e-3 * table.totalWeight(record)
    this.rankOf[id] = rank
    // what a lead needs at least (see isLead): one word at LEAD_MIN_PAIR for a one-word query, else LEAD_WORDS at
    // LEAD_WORD (the best pair of any token bounds that of a word)
    if (queryWords.length === 1) this.leadable[id] = rawMax >= LEAD_MIN_PAIR ? 1 : 0
    else {
      let strong = 0
      for (const i of queryWords) if (rawBest[i]! >= LEAD_WORD) strong++
      this.leadable[id] = strong >= LEAD_WORDS ? 1 : 0
    }
  }

  /** Largest coverage first, in place and stable (a shortlist is 16-20 names; sort would copy them and box a closure). */
  private sortByCoverage(ids: number[]): void {
    const coverage = this.coverage
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
  private bound(id: number, query: NormalName, queryWords: readonly number[]): void {
    const table = this.index.table
    const queryTable = this.queryTable
    const qt = query.tokens
    const record = table.record(id)
    const count = table.tokenCount(record)
    const at = this.rankOf[id]! * MAX_NAME_TOKENS
    const queryRecord = queryTable.record(0)
    let queryRuns = 0
    let nameRuns = 0
    if (qt.length > 1 || count > 1) {
      queryRuns = queryTable.markJoinable(queryRecord, this.queryBests, at, table, record, this.nameBests, at)
      nameRuns = table.markJoinable(record, this.nameBests, at, queryTable, queryRecord, this.queryBests, at)
    }
    this.joinableQueryRuns[id] = queryRuns
    this.joinableNameRuns[id] = nameRuns
    let matchedQ = 0
    for (let i = 0; i < qt.length; i++) matchedQ += qt[i]!.weight * this.queryBests[at + i]!
    let matchedC = 0
    for (let j = 0; j < count; j++) matchedC += table.weight(record, j) * this.nameBests[at + j]!
    let upper = boundFromBestPairs(matchedQ, queryTable.totalWeight(queryRecord), matchedC, table.totalWeight(record))
    if (queryWords.length > 1) {
      // a query word without a pair can be in no aligned pair: with at most one that has one, the score is capped
      let found = 0
      for (const i of queryWords) if (this.queryBests[at + i]! > 0) found++
      if (found <= 1 && upper > ONE_WORD_CAP) upper = ONE_WORD_CAP
      // two found or more: the alignment finds two (the steeper cost of unmatched list words) or at most one (capped)
      else if (found > 1) upper = Math.max(boundFromBestPairs(matchedQ, queryTable.totalWeight(queryRecord), matchedC, table.totalWeight(record), true), Math.min(upper, ONE_WORD_CAP))
    }
    this.upperBound[id] = upper
    if (this.leadable[id] === 1 && !queryTable.mayLead(queryRecord, table, record)) this.leadable[id] = 0
    this.examined[id] = this.examination
  }
}
