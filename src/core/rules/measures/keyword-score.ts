import { z } from 'zod'
import { compileKeywords, contextWords } from '../keywords.ts'
import { resolveStructured } from '../list-ref.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ keyword_score: { terms: $list } }`: the sum of the weights of the lexicon's terms found in the transfer's
 * reference and purpose, each term once, matched on whole words, without case or accents (`keywords.ts`); no
 * pattern comes from the list. `{terms}` names the terms found.
 */
export const keywordScore = defineMeasure({
  key: 'keyword_score',
  schema: z
    .object({
      keyword_score: z
        .object({ terms: z.string().regex(/^\$[a-z0-9_]+$/, 'expected "$list_name", a list of weighted terms in the ruleset') })
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
    return {
      unit: 'score',
      cost: { evaluation: 0.5 },
      evaluate: (ev) => {
        const words = contextWords(ev.ctx)
        if (weights.size === 0) return 0
        const { reference, purpose } = ev.ctx.record
        const found = matcher.find(words, reference || purpose ? `${reference ?? ''} ${purpose ?? ''}` : '')
        if (found.length === 0) return 0
        let score = 0
        for (const term of found) score += weights.get(term) ?? 0
        ev.extra = { terms: found.join(', ') }
        return score
      },
    }
  },
})
