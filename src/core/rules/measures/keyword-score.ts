import { z } from 'zod'
import { compileKeywords, contextWords, entrySymbols, normaliseWords } from '../keywords.ts'
import { withinOneEdit } from '../one-edit.ts'
import { resolveStructured } from '../list-ref.ts'
import { defineMeasure } from './measure.ts'

// words shorter than this match exactly even with `fuzzy`: one edit turns a short word into another word
const FUZZY_MIN_LENGTH = 6
// ...except one slip in one word of at least SLIP_MIN_LENGTH letters of a phrase of at least PHRASE_MIN_LETTERS
// letters: the rest of the phrase, as written, says which term it is ("pasaje al noret", "baya kapal"). Only a
// letter doubled, dropped or swapped: one letter changed makes a short word another word ("gold" → "golf package")
const SLIP_MIN_LENGTH = 4
const PHRASE_MIN_LETTERS = 10

/**
 * `{ keyword_score: { terms: $list, fuzzy } }`: the sum of the weights of the lexicon's terms found in the
 * transfer's reference and purpose, each term once, matched on whole words, without case or accents
 * (`keywords.ts`); no pattern comes from the list. With `fuzzy`, a word of 6 letters or more also matches its
 * slips of the pen (one letter changed, added, dropped or swapped), and so does one word of 4 or 5 letters in a
 * phrase of 10 letters or more (a letter added, dropped or swapped). `{terms}` names the terms found.
 */
export const keywordScore = defineMeasure({
  key: 'keyword_score',
  schema: z
    .object({
      keyword_score: z
        .object({
          terms: z.string().regex(/^\$[a-z0-9_]+$/, 'expected "$list_name", a list of weighted terms in the ruleset'),
          fuzzy: z.boolean().default(false),
        })
        .strict(),
    })
    .strict(),
  placeholders: ['terms'],
  compile(spec, ctx) {
    const lexicon = resolveStructured(spec.keyword_score.terms, 'terms', [...ctx.at, 'keyword_score', 'terms'], ctx.fields) ?? []
    // a term written twice counts with its larger weight
    const weights = new Map<string, number>()
    for (const { term, weight } of lexicon) weights.set(term, Math.max(weight, weights.get(term) ?? 0))
    const matcher = compileKeywords([...weights.keys()])
    const fuzzy = spec.keyword_score.fuzzy ? fuzzyTerms([...weights.keys()]) : []
    return {
      unit: 'score',
      cost: { evaluation: 0.5 },
      evaluate: (ev) => {
        const words = contextWords(ev.ctx)
        if (weights.size === 0) return 0
        const { reference, purpose } = ev.ctx.record
        const raw = reference || purpose ? `${reference ?? ''} ${purpose ?? ''}` : ''
        const found = matcher.find(words, raw)
        // a word found as written is not found again as a slip of another term ("guaranteed" is not also "guarantee")
        if (fuzzy.length > 0) {
          const exact = new Set(found)
          const lengths = lengthsOf(words)
          for (const t of fuzzy) {
            // a term whose first word is not within a letter of the length of any word of the text cannot be near
            if ((t.firstLengths & lengths) === 0) continue
            if (!exact.has(t.term) && occursNear(t, words, exact) && t.symbols.every((s) => raw.includes(s))) found.push(t.term)
          }
        }
        if (found.length === 0) return 0
        let score = 0
        for (const term of found) score += weights.get(term) ?? 0
        ev.extra = { terms: found.join(', ') }
        return score
      },
    }
  },
})

interface FuzzyTerm {
  term: string
  words: string[]
  symbols: string[]
  /** a phrase long enough for one slip in one of its shorter words */
  longPhrase: boolean
  /** `lengthBit` of each length within one letter of its first word's: a word one edit away has one of them */
  firstLengths: number
}

/** one bit per word length, lengths of 31 letters and more sharing the last */
const lengthBit = (n: number) => 1 << Math.min(n, 31)

/** the `lengthBit`s of the words' lengths */
function lengthsOf(words: readonly string[]): number {
  let bits = 0
  for (let i = 0; i < words.length; i++) bits |= lengthBit(words[i]!.length)
  return bits
}

/** the terms with a word that may carry a slip, as words (and the symbols they also need) */
function fuzzyTerms(terms: readonly string[]): FuzzyTerm[] {
  return terms
    .map((term) => {
      const words = normaliseWords(term)
      const longPhrase = words.length > 1 && words.reduce((n, w) => n + w.length, 0) >= PHRASE_MIN_LETTERS
      const first = words[0]?.length ?? 0
      return { term, words, symbols: entrySymbols(term), longPhrase, firstLengths: lengthBit(Math.max(0, first - 1)) | lengthBit(first) | lengthBit(first + 1) }
    })
    .filter((t) => t.words.some((w) => w.length >= FUZZY_MIN_LENGTH || (t.longPhrase && w.length >= SLIP_MIN_LENGTH)))
}

/**
 * The term's words in sequence in `words`: long ones within one edit, short ones exactly, except one slip in one
 * word of 4 or 5 letters of a long phrase (not a letter changed); a slip is never a term found as written.
 */
function occursNear(term: FuzzyTerm, words: readonly string[], exact: ReadonlySet<string>): boolean {
  const n = term.words.length
  for (let i = 0; i + n <= words.length; i++) {
    let all = true
    let shortSlips = 0
    for (let j = 0; j < n && all; j++) {
      const t = term.words[j]!
      const w = words[i + j]!
      // a word as written completes the phrase even when it is a term of its own ("kamion" in "udhëtimi me kamion")
      if (t === w) continue
      all = !exact.has(w) && withinOneEdit(t, w) && (t.length >= FUZZY_MIN_LENGTH || (term.longPhrase && t.length >= SLIP_MIN_LENGTH && !changedLetter(t, w) && shortSlips++ === 0))
    }
    if (all) return true
  }
  return false
}

/** one letter changed in place (a word one edit away of the same length, not two neighbours swapped) */
function changedLetter(t: string, w: string): boolean {
  if (t.length !== w.length) return false
  let i = 0
  while (t[i] === w[i]) i++
  return !(t[i] === w[i + 1] && t[i + 1] === w[i])
}
