import { exactKeys, fuzzyKeysOf, hasFuzzyKeys } from './blocking-keys.ts'
import { looseLength } from './compare-names.ts'
import type { IndexedNames } from './indexed-names.ts'
import { MAX_NAME_TOKENS, type NameToken, type NormalName } from './normalize-name.ts'

// a key shared by more names than this says little ("mohammed"); it is skipped when the query has other keys
const MAX_POSTING = 4000
// a fuzzy key (an edit, a sound, a prefix) shared by this many names is skipped: the exact keys find those names
const MAX_FUZZY_POSTING = 150
// a token whose exact key already names this many list names is common: its fuzzy keys are not looked up
const COMMON_TOKEN = 1
// a fuzzy hit counts for less than an exact one when ranking candidates for scoring
const FUZZY_HIT = 0.7
const SHORT_SKELETON = 2
/** on equal overlap or coverage the shorter name first: it leaves less of itself unmatched */
export const LENGTH_TIE_BREAK = 1e-3

// a name's numbers in the tally, side by side (a posting walk reads and writes all of them for ids in no order:
// one cache line, not four arrays): key overlap with the query, weight of the query tokens it shares, the stamp of
// the query token that last counted it, its own weight
const TALLY = 4
const OVERLAP = 0
const HIT_WEIGHT = 1
const COUNTED_BY = 2
const NAME_WEIGHT = 3

/**
 * The first cut of a search: the list names sharing the most blocking-key weight with the query, less those that
 * cannot reach the floor even if every token they share matched perfectly. Its buffers are reused by every query
 * (no array grows per query: a common token touches thousands of names).
 */
export class KeyBlocking {
  private readonly tally: Float64Array
  // the names a posting walk touched and those that may reach the floor
  private readonly touched: Int32Array
  private touchedCount = 0
  private readonly reachable: Int32Array
  // per query token: whether keys were skipped, whether it has none
  private readonly skipped = new Uint8Array(MAX_NAME_TOKENS)
  private readonly keyless = new Uint8Array(MAX_NAME_TOKENS)
  private stampCounter = 0
  // the query token whose keys are being looked up
  private lookupToken: NameToken | undefined
  private lookupIndex = 0
  private lookupMark = 0
  private lookupTokens = 0
  private exactHits = 0

  constructor(private readonly index: IndexedNames) {
    const count = index.names.length
    this.tally = new Float64Array(count * TALLY)
    index.names.forEach((n, id) => {
      this.tally[id * TALLY + COUNTED_BY] = -1
      this.tally[id * TALLY + NAME_WEIGHT] = n.weight
    })
    this.touched = new Int32Array(count)
    this.reachable = new Int32Array(count)
  }

  /** Up to `size` names that may reach `floor`, largest key overlap first. */
  shortlist(query: NormalName, floor: number, size: number): number[] {
    const tally = this.tally
    this.touchedCount = 0
    const tokens = query.tokens
    this.skipped.fill(0, 0, tokens.length)
    this.keyless.fill(0, 0, tokens.length)
    this.lookupTokens = tokens.length
    for (let g = 0; g < tokens.length; g++) {
      this.lookupToken = tokens[g]!
      this.lookupIndex = g
      this.lookupMark = this.stampCounter++
      this.exactHits = 0
      const exact = exactKeys(query, g)
      for (const k of exact) this.lookUp(k, false)
      // a common token's exact key already finds its names; its edits and sounds would only find them again, so
      // they are made only for a token found in few names
      if (this.exactHits > COMMON_TOKEN) {
        if (hasFuzzyKeys(query, g, exact)) this.skipped[g] = 1
        continue
      }
      const fuzzy = fuzzyKeysOf(query, g, exact, 'query')
      if (exact.length === 0 && fuzzy.length === 0) this.keyless[g] = 1
      for (const k of fuzzy) this.lookUp(k, true)
    }
    this.lookupToken = undefined
    // tokens without keys of their own (initials, particles, legal forms) or with keys skipped may still match:
    // count them as shared; so are tokens from an abjad or a syllabary, whose keys only approximate how the other
    // script spells them ("fldymyrwfytsh", "vladimirovich")
    let queryWeight = 0
    let unseen = 0
    for (let g = 0; g < tokens.length; g++) {
      const t = tokens[g]!
      queryWeight += t.weight
      if (this.keyless[g] === 1 || t.kind !== 'word' || this.skipped[g] === 1 || looseLength(t.approx)) unseen += t.weight
    }
    let reachableCount = 0
    for (let n = 0; n < this.touchedCount; n++) {
      const id = this.touched[n]!
      const at = id * TALLY
      const shared = Math.min(queryWeight, tally[at + HIT_WEIGHT]! + unseen)
      const candidateWeight = tally[at + NAME_WEIGHT]!
      if ((shared + candidateWeight) / (queryWeight + candidateWeight) >= floor) {
        this.reachable[reachableCount++] = id
        tally[at + OVERLAP] = tally[at + OVERLAP]! - LENGTH_TIE_BREAK * candidateWeight
      }
    }
    const chosen = topByOverlap(this.reachable, reachableCount, tally, size)
    for (let n = 0; n < this.touchedCount; n++) {
      const at = this.touched[n]! * TALLY
      tally[at + OVERLAP] = 0
      tally[at + HIT_WEIGHT] = 0
    }
    return chosen
  }

  /** Counts the names under key `k` for the current query token. */
  private lookUp(k: string, fuzzy: boolean): void {
    const token = this.lookupToken!
    // a short sound skeleton ("~mt") is only worth its long posting for a token written without vowels
    if (fuzzy && k.charCodeAt(0) === 126 /* ~ */ && k.length <= SHORT_SKELETON + 1 && token.approx !== 'abjad') return
    const postings = this.index.postings
    const slot = postings.find(k)
    if (slot < 0) return
    const from = postings.start(slot)
    const count = postings.length(slot)
    // a fuzzy key is a misspelt token's only evidence, so only a token found as written gives up long ones
    if ((fuzzy && this.exactHits > 0 && count > MAX_FUZZY_POSTING) || (count > MAX_POSTING && this.lookupTokens > 1)) {
      this.skipped[this.lookupIndex] = 1
      return
    }
    if (!fuzzy) this.exactHits += count
    // rare keys say more than common ones (inverse document frequency), so "mire" outranks "mohammed"
    const gain = (fuzzy ? token.weight * FUZZY_HIT : token.weight) * Math.log2(1 + this.index.names.length / count)
    const mark = this.lookupMark
    const weight = token.weight
    const ids = postings.postings
    const tally = this.tally
    for (let i = from; i < from + count; i++) {
      const id = ids[i]!
      const at = id * TALLY
      if (tally[at + COUNTED_BY] === mark) continue
      if (tally[at + OVERLAP] === 0) this.touched[this.touchedCount++] = id
      tally[at + COUNTED_BY] = mark
      tally[at + OVERLAP] = tally[at + OVERLAP]! + gain
      tally[at + HIT_WEIGHT] = tally[at + HIT_WEIGHT]! + weight
    }
  }
}

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
