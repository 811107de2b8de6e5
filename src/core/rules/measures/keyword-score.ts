import { z } from 'zod'
import { compileKeywords, contextWords, entrySymbols, normaliseWords } from '../keywords.ts'
import { withinOneEdit } from '../one-edit.ts'
import { resolveStructured } from '../list-ref.ts'
import { defineMeasure } from './measure.ts'

// words shorter than this match exactly even with `fuzzy`: one edit turns a short word into another word
const FUZZY_MIN_LENGTH = 6

/**
 * `{ keyword_score: { terms: $list, fuzzy } }`: the sum of the weights of the lexicon's terms found in the
 * transfer's reference and purpose, each term once, matched on whole words, without case or accents
 * (`keywords.ts`); no pattern comes from the list. With `fuzzy`, a word of 6 letters or more also matches its
 * slips of the pen (one letter changed, added, dropped or swapped). `{terms}` names the terms found.
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
          for (const t of fuzzy) {
            if (!exact.has(t.term) && occursNear(t.words, words, exact) && t.symbols.every((s) => raw.includes(s))) found.push(t.term)
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

/** the terms with a word long enough to match with one edit, as words (and the symbols they also need) */
function fuzzyTerms(terms: readonly string[]): { term: string; words: string[]; symbols: string[] }[] {
  return terms.map((term) => ({ term, words: normaliseWords(term), symbols: entrySymbols(term) })).filter((t) => t.words.some((w) => w.length >= FUZZY_MIN_LENGTH))
}

/** the term's words in sequence in `words`, long ones within one edit, short ones exactly; a slip is never a term found as written */
function occursNear(term: readonly string[], words: readonly string[], exact: ReadonlySet<string>): boolean {
  for (let i = 0; i + term.length <= words.length; i++) {
    let all = true
    for (let j = 0; j < term.length && all; j++) {
      const t = term[j]!
      const w = words[i + j]!
      // a word as written completes the phrase even when it is a term of its own ("kamion" in "udhëtimi me kamion")
      all = t === w || (!exact.has(w) && t.length >= FUZZY_MIN_LENGTH && withinOneEdit(t, w))
    }
    if (all) return true
  }
  return false
}
