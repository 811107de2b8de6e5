import {
  ALL_RUNS,
  explainAlignment,
  LEAD_SCORE,
  leadsTo,
  scoreNames,
  type Alignment,
  type PairSimilarity,
  type TokenSimilarity,
} from './compare-names.ts'
import { applyDetails, DETAIL_ROOM, explainDetails, hasDetails } from './details.ts'
import { FirstLook } from './first-look.ts'
import { IDENTIFIER_MATCH, normaliseIdentifier } from './identifiers.ts'
import { IndexedNames, type IndexedName } from './indexed-names.ts'
import { KeyBlocking } from './key-blocking.ts'
import { normaliseName, type NormalName } from './normalize-name.ts'
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

/**
 * A search over the lists' names in three steps: blocking keys shortlist the names that share the most with the
 * query (KeyBlocking), a first look keeps those that cover most of it and bounds their scores (FirstLook), and
 * only names whose bound can reach the threshold are aligned in full (scoreNames).
 */
export function buildNameIndex(entries: WatchlistEntry[], options: NameIndexOptions = {}): NameIndex {
  const index = new IndexedNames(entries)
  const { names, memo, weights } = index
  const blocking = new KeyBlocking(index)
  const firstLook = new FirstLook(index)

  /** The names worth scoring for one reading of the query. */
  function candidates(query: NormalName, floor: number, k: number, similarity: TokenSimilarity): number[] {
    // a list this short costs less to score whole than to block
    if (options.exhaustive || names.length <= SMALL_LIST) return names.map((_, i) => i)
    return firstLook.keep(blocking.shortlist(query, floor, k * SHORTLIST_FACTOR), query, k, similarity)
  }

  /** Similarities of the query's tokens to name `id`'s by position, read through its interned ids. */
  function pairSimilarity(id: number, query: NormalName, similarity: TokenSimilarity): PairSimilarity {
    const record = index.table.record(id)
    const qt = query.tokens
    return (i, j) => {
      const t = index.table.tokenId(record, j)
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
    for (const raw of opts.identifiers ?? []) for (const e of index.byIdentifier.get(normaliseIdentifier(raw)) ?? []) identified.add(e)
    const limit = Math.max(options.maxCandidates ?? MAX_CANDIDATES, opts.limit ?? DEFAULT_LIMIT)
    // a name in Chinese characters may be Korean: it is searched under both readings, each name keeping its best
    const korean = koreanReading(query)
    for (const reading of korean === undefined ? [query] : [query, korean]) {
      const q = normaliseName(reading, opts.type)
      if (q.tokens.length === 0) continue
      weights.weigh(q)
      const similarity = memo.forQuery(q)
      firstLook.begin(q)
      const ids = candidates(q, floor, limit, similarity)
      for (const e of identified) ids.push(...index.namesOf[e]!)
      for (const id of ids) {
        if (!index.typeAllowed(id, opts.type)) continue
        const e = index.entryOf[id]!
        const entry = entries[e]!
        const looked = firstLook.looked(id) && !options.alignAll
        // most candidates are near misses: their first look can show they stay under the threshold (details move
        // a score up or down with it)
        if (looked && !identified.has(e)) {
          const reachable =
            withDetails(firstLook.upperBound[id]! + BOUND_SLACK, entry, details) >= minScore ||
            (firstLook.leadable[id] === 1 && withDetails(LEAD_SCORE, entry, details) >= minScore && leadsTo(q, names[id]!.norm, pairSimilarity(id, q, similarity)))
          if (!reachable) continue
        }
        const name = names[id]!
        const scored = scoreNames(q, name.norm, similarity, looked ? firstLook.joinableQueryRuns[id] : ALL_RUNS, looked ? firstLook.joinableNameRuns[id] : ALL_RUNS)
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
