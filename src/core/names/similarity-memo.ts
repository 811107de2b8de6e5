import type { NameToken, NormalName } from './normalize-name.ts'
import type { TokenSimilarity } from './compare-names.ts'
import { formsSimilarity, quickSimilarity, UNDECIDED, type TokenForms } from './token-similarity.ts'
import { APPROXIMATIONS } from './transliterate.ts'

// the query tokens whose comparisons are memoised; longer queries compute the rest directly
const MEMO_QUERY_TOKENS = 8
const NOT_COMPUTED = -1
// a list token's record in the memo
const TOKEN_RECORD = 8
const STAMP = 0
const ROW = 1
const FIRST = 2
const LENGTH = 3
const TEXT_SOUND = 4
const FOLDED_SOUND = 5
const APPROX_AND_NICKNAMES = 6
// the length of the folded form, and one more than that of the respelled form where it differs (else 0), 16 bits each
const FORM_LENGTHS = 7
const LENGTH_BITS = 16

/**
 * Token similarities of the current query against interned list tokens. A list token met in a query gets a local
 * slot (found through one small stamped table), and its similarities to the query tokens sit side by side in a
 * short array that stays in cache; a new query only moves the stamp.
 */
export class SimilarityMemo {
  /**
   * per list token, TOKEN_RECORD numbers side by side: the stamp of the query that last met it and its row in that
   * query, then what quickSimilarity reads (most comparisons need no token object)
   */
  private readonly records: Int32Array
  private values = new Float64Array(256 * MEMO_QUERY_TOKENS)
  private used = 0
  private stamp = 0
  /**
   * per list token, its text, folded and respelled forms and sound skeleton in one string: a comparison that needs them reads one
   * string rather than the token object and three strings, each elsewhere in memory and rarely in cache
   */
  private readonly packed: string[]

  constructor(private readonly tokens: NameToken[]) {
    const records = new Int32Array(tokens.length * TOKEN_RECORD)
    // the respelled form only where it is not the folded one (most tokens)
    this.packed = tokens.map((t) => (t.respelled === t.folded ? `${t.text} ${t.folded} ${t.skeleton}` : `${t.text} ${t.folded} ${t.respelled} ${t.skeleton}`))
    tokens.forEach((t, id) => {
      const r = id * TOKEN_RECORD
      records[r + STAMP] = -1
      records[r + FIRST] = t.text.charCodeAt(0)
      records[r + LENGTH] = t.text.length
      records[r + TEXT_SOUND] = t.textSound
      records[r + FOLDED_SOUND] = t.foldedSound
      records[r + APPROX_AND_NICKNAMES] = (APPROXIMATIONS.indexOf(t.approx) << 1) | (t.nicknames === undefined ? 0 : 1)
      records[r + FORM_LENGTHS] = t.folded.length | (t.respelled === t.folded ? 0 : (t.respelled.length + 1) << LENGTH_BITS)
    })
    this.records = records
  }

  forQuery(_query: NormalName): TokenSimilarity {
    this.stamp++
    this.used = 0
    return (qi, q, c) => {
      const id = c.id
      if (id === undefined) return formsSimilarity(q, c, q.approx || c.approx)
      return this.get(qi, q, id)
    }
  }

  /** Reads list token `id`'s record (nothing for -1), only to bring it into cache; see candidates in name-index.ts. */
  touch(id: number): number {
    return id < 0 ? 0 : this.records[id * TOKEN_RECORD + STAMP]!
  }

  /** Similarity of query token `qi` to the interned list token `id`. */
  get(qi: number, q: NameToken, id: number): number {
    return this.at(this.row(id), qi, q, id)
  }

  /** Where the similarities of the interned list token `id` to the query's tokens are kept, made on first use. */
  row(id: number): number {
    const records = this.records
    const r = id * TOKEN_RECORD
    if (records[r + STAMP] === this.stamp) return records[r + ROW]!
    const row = this.used++ * MEMO_QUERY_TOKENS
    records[r + STAMP] = this.stamp
    records[r + ROW] = row
    if (row + MEMO_QUERY_TOKENS > this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    const values = this.values
    for (let i = row; i < row + MEMO_QUERY_TOKENS; i++) values[i] = NOT_COMPUTED
    return row
  }

  /** Similarity of query token `qi` to the interned list token `id`, whose row is `row`. */
  at(row: number, qi: number, q: NameToken, id: number): number {
    if (qi >= MEMO_QUERY_TOKENS) return formsSimilarity(q, this.tokens[id]!, q.approx || this.tokens[id]!.approx)
    const known = this.values[row + qi]!
    if (known !== NOT_COMPUTED) return known
    const records = this.records
    const r = id * TOKEN_RECORD
    const flags = records[r + APPROX_AND_NICKNAMES]!
    const approx = q.approx || APPROXIMATIONS[flags >> 1]
    let s = quickSimilarity(q, records[r + FIRST]!, records[r + LENGTH]!, records[r + TEXT_SOUND]!, records[r + FOLDED_SOUND]!, (flags & 1) === 1, approx)
    if (s === UNDECIDED) s = formsSimilarity(q, this.formsOf(id, q, records[r + LENGTH]!, records[r + FORM_LENGTHS]!, records[r + TEXT_SOUND]!, records[r + FOLDED_SOUND]!, flags), approx)
    this.values[row + qi] = s
    return s
  }

  /**
   * The forms of list token `id` to compare with `q`, from its packed string; its nickname groups only matter when
   * both have some, and are then read from the token.
   */
  private formsOf(id: number, q: NameToken, length: number, formLengths: number, textSound: number, foldedSound: number, flags: number): TokenForms {
    if (q.nicknames !== undefined && (flags & 1) === 1) return this.tokens[id]!
    const packed = this.packed[id]!
    const foldedAt = length + 1
    const foldedEnd = foldedAt + (formLengths & ((1 << LENGTH_BITS) - 1))
    // a respelled length of 0 stands for "as folded"; else it is one more than the length
    const respelledLength = formLengths >>> LENGTH_BITS
    const folded = packed.slice(foldedAt, foldedEnd)
    const respelled = respelledLength === 0 ? folded : packed.slice(foldedEnd + 1, foldedEnd + respelledLength)
    return {
      text: packed.slice(0, length),
      folded,
      respelled,
      skeleton: packed.slice(respelledLength === 0 ? foldedEnd + 1 : foldedEnd + respelledLength + 1),
      nicknames: undefined,
      textSound,
      foldedSound,
    }
  }
}
