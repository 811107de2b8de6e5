import { z } from 'zod'
import { scalar } from './schema-parts.ts'

/**
 * Ruleset lists hold scalars (countries, cities, bands), or structured entries of one kind per list:
 * weighted terms (a lexicon with a weight per term, and the combinations of its term classes that score together)
 * or ordered routes (the countries of a journey, in order).
 */

// a stem ("kaçakçı*": any word that starts so) has this many letters at least: a shorter one starts ordinary words
export const STEM_MIN_LETTERS = 5

/** a term with no "*", or one "*" ending it after a word of STEM_MIN_LETTERS letters or more */
function validStem(term: string): boolean {
  const star = term.indexOf('*')
  if (star < 0) return true
  if (star !== term.length - 1) return false
  const last = term.slice(0, -1).split(/[^\p{L}\p{M}\p{N}]+/u).at(-1) ?? ''
  return last.normalize('NFKD').replace(/\p{M}+/gu, '').length >= STEM_MIN_LETTERS && /[\p{L}\p{N}]$/u.test(term.slice(0, -1))
}

const className = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a class name such as "vessel" (lower-case letters, digits, "_")')

export const WeightedTermSchema = z
  .object({
    term: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .refine(validStem, `a stem ("word*", any word that starts so) ends the term, right after a word of ${STEM_MIN_LETTERS} letters or more`),
    weight: z.number().min(0).max(100),
    /** a class of ordinary words ("vessel", "route_place"), for `co_occurs` entries of the same list */
    class: className.optional(),
    /** the term's weight counts only when the text has no term of these classes ("crossing fee", not beside "ferry") */
    unless: z.array(className).min(1).max(4).optional(),
  })
  .strict()

/**
 * `{ co_occurs: [vessel, route_place], weight, unless: [ordinary] }` in a list of weighted terms: a memo with a
 * term of each class scores the weight besides its terms' (ordinary words that together name a crossing, "ghayegh
 * Yunan"), unless it also has a term of a class in `unless` (a ticket, a visa, a hire: ordinary travel)
 */
export const CoOccursSchema = z
  .object({
    co_occurs: z.array(className).min(2).max(4),
    weight: z.number().min(0).max(100),
    unless: z.array(className).max(4).optional(),
  })
  .strict()

const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 alpha-2 country code such as "TR"')

export const RouteSchema = z
  .object({
    route: z.array(country).min(2).max(12),
    name: z.string().max(120).optional(),
  })
  .strict()
  .refine((r) => new Set(r.route).size === r.route.length, 'a route passes through each country once')

/** one list of the ruleset: scalars, or weighted terms, or routes, never a mix */
export type WeightedTerm = z.infer<typeof WeightedTermSchema>
export type CoOccurs = z.infer<typeof CoOccursSchema>
export type Route = z.infer<typeof RouteSchema>

export const ListSchema = z.array(z.union([scalar, WeightedTermSchema, CoOccursSchema, RouteSchema])).superRefine((list, ctx) => {
  const kinds = list.map(kindOf)
  for (let i = 1; i < list.length; i++) {
    if (kinds[i] !== kinds[0]) ctx.addIssue({ code: 'custom', path: [i], message: `a list holds one kind of entry: this is ${KIND_TEXT[kinds[i]!]}, the first ${KIND_TEXT[kinds[0]!]}` })
  }
  // a combination, or a term's `unless`, names classes that terms of the same list have
  const classes = new Set(list.flatMap((e) => (typeof e === 'object' && 'term' in e && e.class ? [e.class] : [])))
  list.forEach((e, i) => {
    if (typeof e !== 'object' || 'route' in e) return
    const named = { co_occurs: 'co_occurs' in e ? e.co_occurs : [], unless: e.unless ?? [] }
    for (const key of ['co_occurs', 'unless'] as const) {
      named[key].forEach((c, j) => {
        if (!classes.has(c)) ctx.addIssue({ code: 'custom', path: [i, key, j], message: `no term of this list has class "${c}"; known: ${[...classes].join(', ') || '(none)'}` })
      })
    }
  })
})

type Entry = string | number | boolean | WeightedTerm | CoOccurs | Route
const kindOf = (e: Entry): 'scalar' | 'terms' | 'routes' => (typeof e !== 'object' ? 'scalar' : 'route' in e ? 'routes' : 'terms')
const KIND_TEXT = { scalar: 'a plain value', terms: 'a weighted term', routes: 'a route' } as const


/** A list with structured entries, by kind. */
export type StructuredList = { kind: 'terms'; entries: readonly (WeightedTerm | CoOccurs)[] } | { kind: 'routes'; entries: readonly Route[] }

export type ScalarList = readonly (string | number | boolean)[]

/** the ruleset's lists split by kind: scalars for conditions, structured ones for the measures that read them */
export function splitLists(lists: Readonly<Record<string, z.infer<typeof ListSchema>>>): {
  scalars: Map<string, ScalarList>
  structured: Map<string, StructuredList>
} {
  const scalars = new Map<string, ScalarList>()
  const structured = new Map<string, StructuredList>()
  for (const [name, list] of Object.entries(lists)) {
    const first = list[0]
    if (first !== null && typeof first === 'object' && ('term' in first || 'co_occurs' in first)) structured.set(name, { kind: 'terms', entries: list as (WeightedTerm | CoOccurs)[] })
    else if (first !== null && typeof first === 'object' && 'route' in first) structured.set(name, { kind: 'routes', entries: list as Route[] })
    else scalars.set(name, list as ScalarList)
  }
  return { scalars, structured }
}

export const LIST_KIND_TEXT = { terms: 'weighted terms', routes: 'routes' } as const
