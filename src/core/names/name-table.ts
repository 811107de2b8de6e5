import { letterBit, mayStandFor, RUN_FIELDS, runBit, shapeOf, type RunMask } from './compare-names.ts'
import type { NameToken, NormalName } from './normalize-name.ts'
import { quickSimilarity } from './token-similarity.ts'
import { APPROXIMATIONS } from './transliterate.ts'

// a name's record: a header, then TOKEN_FIELDS numbers per token, then RUN_FIELDS per run (see NameShape)
const TOKENS = 0
const RUN_NUMBERS = 1
const FLAGS = 2
const WORD_LETTERS = 3
const TOKEN_LETTERS = 4
const INITIAL_LETTERS = 5
const RUN_LETTERS = 6
const TOTAL_WEIGHT = 7
const HEADER = 8
// a token's fields: interned id (-1 for none), weight, first character code, length and flags, and the sound
// classes of its first letter as written and folded (what quickSimilarity reads)
const TOKEN_FIELDS = 6
const ID = 0
const WEIGHT = 1
const FIRST = 2
const LENGTH_AND_FLAGS = 3
const TEXT_SOUND = 4
const FOLDED_SOUND = 5
const FLAG_SHIFT = 24
const LENGTH_MASK = (1 << FLAG_SHIFT) - 1
// token flags; the approximation's code (APPROXIMATIONS) above them
const WORD = 1
const LOOSE = 2
const NICKNAMES = 4
const APPROX_SHIFT = 3
// name flags
const ROMANISED = 1
const LOOSE_NAME = 2
const ORG = 4
const ODD_INITIAL = 8

/**
 * Names as one flat array of whole numbers, each name's record in one piece: what a first look at a candidate reads
 * (its tokens' interned ids, weights, first letters, lengths and kinds, its runs of tokens that may be written as one
 * word, its letter masks; see NameShape). A query looks at a score of candidates and drops most of them: a few
 * cache lines per name rather than the objects of the name and each of its tokens keep that look cheap. An index
 * keeps its names in one table; a query fills a small one of its own.
 */
export class NameTable {
  size = 0
  /** where each name's record starts in `data` (one more entry than names) */
  private start = new Int32Array(1)
  private data = new Int32Array(0)

  constructor(names: readonly NormalName[] = []) {
    for (const name of names) this.add(name)
  }

  clear(): void {
    this.size = 0
  }

  add(name: NormalName): void {
    const n = this.size
    const shape = shapeOf(name)
    const tokens = name.tokens
    const at = this.start[n]!
    const end = at + HEADER + tokens.length * TOKEN_FIELDS + shape.runs.length
    this.reserve(n + 2, end)
    const d = this.data
    let total = 0
    for (let j = 0; j < tokens.length; j++) {
      const t = tokens[j]!
      if (!Number.isInteger(t.weight)) throw new Error(`token weights are whole numbers: ${t.text} ${t.weight}`)
      const o = at + HEADER + j * TOKEN_FIELDS
      const flags =
        (t.kind === 'word' ? WORD : 0) |
        (t.approx === 'abjad' || t.approx === 'syllabic' ? LOOSE : 0) |
        (t.nicknames === undefined ? 0 : NICKNAMES) |
        (APPROXIMATIONS.indexOf(t.approx) << APPROX_SHIFT)
      d[o + ID] = t.id ?? -1
      d[o + WEIGHT] = t.weight
      d[o + FIRST] = t.text.charCodeAt(0)
      d[o + LENGTH_AND_FLAGS] = Math.min(t.text.length, LENGTH_MASK) | (flags << FLAG_SHIFT)
      d[o + TEXT_SOUND] = t.textSound
      d[o + FOLDED_SOUND] = t.foldedSound
      total += t.weight
    }
    d[at + TOKENS] = tokens.length
    d[at + RUN_NUMBERS] = shape.runs.length
    d[at + FLAGS] =
      (shape.romanised ? ROMANISED : 0) | (shape.loose ? LOOSE_NAME : 0) | (name.kind === 'org' ? ORG : 0) | (shape.oddInitial ? ODD_INITIAL : 0)
    d[at + WORD_LETTERS] = shape.wordLetters
    d[at + TOKEN_LETTERS] = shape.tokenLetters
    d[at + INITIAL_LETTERS] = shape.initialLetters
    d[at + RUN_LETTERS] = shape.runLetters
    d[at + TOTAL_WEIGHT] = total
    d.set(shape.runs, at + HEADER + tokens.length * TOKEN_FIELDS)
    this.start[n + 1] = end
    this.size = n + 1
  }

  /** Where name `n`'s record starts: the argument of the readers below. */
  record(n: number): number {
    return this.start[n]!
  }

  tokenCount(record: number): number {
    return this.data[record + TOKENS]!
  }

  totalWeight(record: number): number {
    return this.data[record + TOTAL_WEIGHT]!
  }

  /** Token `j`'s interned id, -1 when it has none. */
  tokenId(record: number, j: number): number {
    return this.data[record + HEADER + j * TOKEN_FIELDS + ID]!
  }

  weight(record: number, j: number): number {
    return this.data[record + HEADER + j * TOKEN_FIELDS + WEIGHT]!
  }

  /**
   * The similarity of query token `q` to token `j` when what the record keeps of `j` decides it (initials, numbers,
   * first letters that sound different: most pairs), else UNDECIDED; see quickSimilarity.
   */
  quickSimilarity(record: number, j: number, q: NameToken): number {
    const d = this.data
    const o = record + HEADER + j * TOKEN_FIELDS
    const lengthAndFlags = d[o + LENGTH_AND_FLAGS]!
    const flags = lengthAndFlags >>> FLAG_SHIFT
    const approx = q.approx || APPROXIMATIONS[flags >>> APPROX_SHIFT]
    return quickSimilarity(q, d[o + FIRST]!, lengthAndFlags & LENGTH_MASK, d[o + TEXT_SOUND]!, d[o + FOLDED_SOUND]!, (flags & NICKNAMES) !== 0, approx)
  }

  /** Whether two names may be a lead one for the other, by what rules a lead out before any similarity (see isLead). */
  mayLead(record: number, other: NameTable, otherRecord: number): boolean {
    const d = this.data
    const o = other.data
    if (((d[record + FLAGS]! | o[otherRecord + FLAGS]!) & (ORG | ROMANISED)) !== 0) return false
    // a query initial no candidate token starts with
    return (d[record + FLAGS]! & ODD_INITIAL) !== 0 || (d[record + INITIAL_LETTERS]! & ~o[otherRecord + TOKEN_LETTERS]!) === 0
  }

  /**
   * For each run of this name that may be written as a word of the other (see addJoinedPairs), sets the best pair
   * score of the run's tokens (in `best` from `at`, by position in the name) and of that word (in `otherBest` from
   * `otherAt`) to 1. Which runs there were, as a RunMask.
   */
  markJoinable(record: number, best: Float64Array, at: number, other: NameTable, otherRecord: number, otherBest: Float64Array, otherAt: number): RunMask {
    const d = this.data
    const runNumbers = d[record + RUN_NUMBERS]!
    if (runNumbers === 0) return 0
    const o = other.data
    const sifted = ((d[record + FLAGS]! | o[otherRecord + FLAGS]!) & LOOSE_NAME) === 0
    const words = o[otherRecord + WORD_LETTERS]!
    if (sifted && (d[record + RUN_LETTERS]! & words) === 0) return 0
    const tokens = record + HEADER
    const runs = tokens + d[record + TOKENS]! * TOKEN_FIELDS
    const otherTokens = otherRecord + HEADER
    const otherCount = o[otherRecord + TOKENS]!
    let joinable = 0
    for (let r = runs; r < runs + runNumbers; r += RUN_FIELDS) {
      const firstLetter = d[r + 3]!
      if (sifted && (letterBit(firstLetter) & words) === 0) continue
      const start = d[r]!
      const end = d[r + 1]!
      const runLoose = ((d[tokens + start * TOKEN_FIELDS + LENGTH_AND_FLAGS]! >>> FLAG_SHIFT) & LOOSE) !== 0
      for (let j = 0; j < otherCount; j++) {
        const lengthAndFlags = o[otherTokens + j * TOKEN_FIELDS + LENGTH_AND_FLAGS]!
        const flags = lengthAndFlags >>> FLAG_SHIFT
        if ((flags & WORD) === 0) continue
        const wordFirst = o[otherTokens + j * TOKEN_FIELDS + FIRST]!
        if (!mayStandFor(runLoose, firstLetter, d[r + 4]!, (flags & LOOSE) !== 0, wordFirst, lengthAndFlags & LENGTH_MASK)) continue
        otherBest[otherAt + j] = 1
        for (let k = start; k < end; k++) best[at + k] = 1
        joinable |= runBit((r - runs) / RUN_FIELDS)
      }
    }
    return joinable
  }

  private reserve(names: number, numbers: number): void {
    if (names > this.start.length) {
      const grown = new Int32Array(Math.max(names, this.start.length * 2))
      grown.set(this.start)
      this.start = grown
    }
    if (numbers > this.data.length) {
      const grown = new Int32Array(Math.max(numbers, this.data.length * 2))
      grown.set(this.data)
      this.data = grown
    }
  }
}
