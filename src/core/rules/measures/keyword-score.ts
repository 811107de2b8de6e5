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
const PHRASE_MIN_LETTERS = 9
// a letter changed in place only in words of 7 letters or more: in 6 it often makes another word ("tahrib" →
// "tahrir", Liberation Square)
const CHANGE_MIN_LENGTH = 7
// a word of 5 letters or more also matches a term's word written another common way: the same after
// `spellingKey` (a letter doubled, "kh" for "x", "q" for "k", "ee" for "i" ...); a long one within one edit of it
const KEY_MIN_LENGTH = 5

/**
 * `{ keyword_score: { terms: $list, fuzzy } }`: the sum of the weights of the lexicon's terms found in the
 * transfer's reference and purpose, each term once, matched on whole words, without case or accents
 * (`keywords.ts`); no pattern comes from the list. With `fuzzy`, a word of 5 letters or more also matches its
 * common spelling variants (a letter doubled, transliterations such as "kh"/"x", "q"/"k", "ee"/"i": `spellingKey`),
 * a word of 6 letters or more its slips of the pen (one letter added, dropped or swapped; changed, from 7
 * letters), and one word of 4 or 5 letters in a phrase of 9 letters or more a letter added, dropped or swapped.
 * A term ending in "*" is a stem: its last word matches any word that starts so, for languages that add endings
 * ("kaçakçı*": kaçakçıya, kaçakçının; with `fuzzy`, also by `spellingKey`: kachakchilar). Each word of the text
 * counts for one term only, besides the phrases it completes. A term may have a class ("vessel", "route_place"),
 * and a `co_occurs` entry of the list adds its weight when the text has a term of each of its classes and none of
 * its `unless` classes ("ghayegh Yunan": a boat and Greece; not "traghetto per la Grecia", a ferry ticket). A
 * term may have `unless` classes too: its weight counts only without them ("crossing fee", not "crossing fee ferry").
 * `{terms}` names the terms found with a weight and the combinations ("vessel+route_place").
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
    const entries = resolveStructured(spec.keyword_score.terms, 'terms', [...ctx.at, 'keyword_score', 'terms'], ctx.fields) ?? []
    const lexicon = entries.filter((e) => 'term' in e)
    const combinations = entries.filter((e) => 'co_occurs' in e)
    // a term written twice counts with its larger weight (and the class it was given last)
    const weights = new Map<string, number>()
    const classOf = new Map<string, string>()
    // a term whose weight counts only without a term of these classes (the one given last)
    const unlessOf = new Map<string, readonly string[]>()
    for (const { term, weight, class: c, unless } of lexicon) {
      weights.set(term, Math.max(weight, weights.get(term) ?? 0))
      if (c) classOf.set(term, c)
      if (unless) unlessOf.set(term, unless)
    }
    // a term ending in "*" is a stem: its last word matches any word that starts so (`stems`), never as written
    const terms = [...weights.keys()]
    const matcher = compileKeywords(terms.filter((t) => !t.endsWith('*')))
    const stems = stemTerms(terms)
    const fuzzy = spec.keyword_score.fuzzy ? fuzzyTerms(terms) : []
    const termWords = new Map(terms.map((term) => [term, normaliseWords(term)]))
    return {
      unit: 'score',
      cost: { evaluation: 0.5 },
      evaluate: (ev) => {
        const words = contextWords(ev.ctx)
        if (weights.size === 0) return 0
        const { reference, purpose } = ev.ctx.record
        const raw = reference || purpose ? `${reference ?? ''} ${purpose ?? ''}` : ''
        const found = matcher.find(words, raw)
        // stems after the terms found as written, on words those did not take; with fuzzy, by spelling key too,
        // after the terms' variants and slips ("kaççak yol" is kaçak yol before "kaççak" is qachaq*)
        const used = new Set<number>()
        const stemCovered = new Set<string>()
        for (const term of found) for (const w of termWords.get(term) ?? []) stemCovered.add(w)
        const findStems = (byKey: boolean) => {
          if (stems.length === 0 || words.length === 0) return
          const keys = byKey ? words.map((w) => spellingKey(w, false)) : words
          // every stem as written first, then by spelling key: "kaçakçıya" is kaçakçı*, not the variant qachaqchi*
          for (const t of stems) {
            if (found.includes(t.term) || !t.symbols.every((s) => raw.includes(s))) continue
            const at = stemAt(t, words, keys, byKey, stemCovered, used)
            if (at < 0) continue
            found.push(t.term)
            for (let j = 0; j < t.words.length; j++) used.add(at + j)
          }
        }
        findStems(false)
        // a word found as written is not found again as a slip of another term ("guaranteed" is not also "guarantee",
        // "qaçaxçî" not also "qachaqchi"), nor a word found as a slip or variant of one term as that of another
        if (fuzzy.length > 0 && words.length > 0) {
          const exact = new Set(found)
          const covered = new Set<string>()
          for (const term of found) if (!term.endsWith('*')) for (const w of termWords.get(term) ?? []) covered.add(w)
          const keys = words.map((w) => spellingKey(w, false))
          const vowelKeys = words.map((w) => spellingKey(w, true))
          const lengths = lengthsOf(words) | lengthsOf(keys) | lengthsOf(vowelKeys)
          for (const t of fuzzy) {
            // a term whose first word (or its key) is not within a letter of the length of any word of the text (or
            // its key) cannot be near
            if ((t.firstLengths & lengths) === 0) continue
            if (exact.has(t.term) || !t.symbols.every((s) => raw.includes(s))) continue
            // a stem whose word a term as written took ("clandestin" for clandestin*) is not found again as its slip
            if (t.stem && covered.has(t.words.at(-1)!)) continue
            const at = occursNear(t, words, keys, vowelKeys, covered, used)
            if (at < 0) continue
            found.push(t.term)
            for (let j = 0; j < t.words.length; j++) used.add(at + j)
          }
        }
        if (fuzzy.length > 0) findStems(true)
        if (found.length === 0) return 0
        const classes = new Set<string>()
        for (const term of found) {
          const c = classOf.get(term)
          if (c) classes.add(c)
        }
        let score = 0
        const named: string[] = []
        for (const term of found) {
          const w = weights.get(term) ?? 0
          if (w === 0 || unlessOf.get(term)?.some((k) => classes.has(k))) continue
          score += w
          named.push(term)
        }
        if (combinations.length > 0) {
          for (const c of combinations) {
            if (!c.co_occurs.every((k) => classes.has(k)) || (c.unless ?? []).some((k) => classes.has(k))) continue
            score += c.weight
            named.push(c.co_occurs.join('+'))
          }
        }
        ev.extra = { terms: named.join(', ') }
        return score
      },
    }
  },
})

interface StemTerm {
  term: string
  /** the term's words, the last one the stem */
  words: string[]
  /** `spellingKey` of the stem */
  stemKey: string
  symbols: string[]
}

/** the terms ending in "*" (a stem of STEM_MIN_LETTERS letters or more, checked with the ruleset) */
function stemTerms(terms: readonly string[]): StemTerm[] {
  return terms
    .filter((t) => t.endsWith('*'))
    .map((term) => {
      const words = normaliseWords(term.slice(0, -1))
      return { term, words, stemKey: spellingKey(words.at(-1) ?? '', false), symbols: entrySymbols(term.slice(0, -1)) }
    })
    .filter((t) => t.words.length > 0)
    // the longest stem first, so that "kaçakçı*" (a smuggler) takes "kaçakçıya" before "kaçak*" (illegal) could
    .sort((a, b) => b.words.at(-1)!.length - a.words.at(-1)!.length)
}

/**
 * Where the stem term's words start in `words` (-1 when they do not): the words before the stem as written, the
 * last word of the text's any word that starts with the stem ("kaçakçıya", "skafistin"), or, with `fuzzy`, whose
 * `spellingKey` starts with the stem's ("kachakchilar"). Not a word a term found as written or another stem took.
 */
function stemAt(t: StemTerm, words: readonly string[], keys: readonly string[], fuzzy: boolean, covered: ReadonlySet<string>, used: ReadonlySet<number>): number {
  const n = t.words.length
  const stem = t.words[n - 1]!
  for (let i = 0; i + n <= words.length; i++) {
    const last = i + n - 1
    const w = words[last]!
    if (used.has(last) || covered.has(w)) continue
    if (!(w.startsWith(stem) || (fuzzy && keys[last]!.startsWith(t.stemKey)))) continue
    let all = true
    for (let j = 0; j < n - 1 && all; j++) all = words[i + j] === t.words[j] && !used.has(i + j)
    if (all) return i
  }
  return -1
}

interface FuzzyTerm {
  term: string
  words: string[]
  /** `spellingKey` of each word, without and with "ee" read as "i" */
  keys: string[]
  vowelKeys: string[]
  symbols: string[]
  /** a stem ("word*"), here for its slips of the pen only */
  stem: boolean
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
      // a stem's slips of the pen are those of its bare word ("kacakc")
      const words = normaliseWords(term.endsWith('*') ? term.slice(0, -1) : term)
      const longPhrase = words.length > 1 && words.reduce((n, w) => n + w.length, 0) >= PHRASE_MIN_LETTERS
      const keys = words.map((w) => spellingKey(w, false))
      const vowelKeys = words.map((w) => spellingKey(w, true))
      let firstLengths = 0
      for (const n of [words[0]?.length ?? 0, keys[0]?.length ?? 0, vowelKeys[0]?.length ?? 0]) firstLengths |= lengthBit(Math.max(0, n - 1)) | lengthBit(n) | lengthBit(n + 1)
      return { term, words, keys, vowelKeys, symbols: entrySymbols(term), stem: term.endsWith('*'), longPhrase, firstLengths }
    })
    .filter((t) => t.words.some((w) => w.length >= KEY_MIN_LENGTH || (t.longPhrase && w.length >= SLIP_MIN_LENGTH)))
}

/**
 * A word as it may be spelt another common way, for comparing a text's word with a term's: the digraphs of
 * transliteration by one letter ("sh" s, "ch" c, "kh" and "x" h, "gh" g, "ph" f, "th" t, "dh" d), "q" k, "w" v,
 * "y" i, "oo" and "ou" u, and a letter written twice once; with `eeAsI`, "ee" is "i" (English-style
 * transliteration, "tahreeb") rather than a doubled "e" ("beelem"). "qachakhchi", "qaçaxçî" and "kachaxchi" share
 * "kacahci". One pass over the word, no pattern.
 */
export function spellingKey(word: string, eeAsI: boolean): string {
  let out = ''
  let last = ''
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!
    const next = word[i + 1]
    let k: string
    if (next === 'h' && (c === 's' || c === 'c' || c === 'k' || c === 'g' || c === 'p' || c === 't' || c === 'd')) {
      k = c === 'k' ? 'h' : c === 'p' ? 'f' : c
      i++
    } else if (eeAsI && c === 'e' && next === 'e') {
      k = 'i'
      i++
    } else if (c === 'o' && (next === 'o' || next === 'u')) {
      k = 'u'
      i++
    } else if (c === 'q') k = 'k'
    else if (c === 'x') k = 'h'
    else if (c === 'w') k = 'v'
    else if (c === 'y') k = 'i'
    else k = c
    if (k !== last) out += k
    last = k
  }
  return out
}

/**
 * Where the term's words start in sequence in `words` (-1 when they do not): words of 5 letters or more also as
 * spelling variants (`spellingKey`), long ones within one edit (a letter changed only in 7 letters or more), short
 * ones exactly, except one slip in one word of 4 or 5 letters of a long phrase (not a letter changed). A slip or
 * variant is never a word of a term found as written, nor a word another term's slip or variant took (`used`).
 */
function occursNear(
  term: FuzzyTerm,
  words: readonly string[],
  keys: readonly string[],
  vowelKeys: readonly string[],
  covered: ReadonlySet<string>,
  used: ReadonlySet<number>,
): number {
  const n = term.words.length
  for (let i = 0; i + n <= words.length; i++) {
    let all = true
    let shortSlips = 0
    for (let j = 0; j < n && all; j++) {
      const t = term.words[j]!
      const w = words[i + j]!
      // a word as written completes the phrase even when it is a term of its own ("kamion" in "udhëtimi me kamion")
      if (t === w) continue
      if (covered.has(w) || used.has(i + j)) {
        all = false
        continue
      }
      // the same word spelt another common way ("beelem", "qachaxchi"), or a long one with a slip as well
      if (t.length >= KEY_MIN_LENGTH && (sameKey(term.keys[j]!, keys[i + j]!) || sameKey(term.vowelKeys[j]!, vowelKeys[i + j]!))) continue
      all =
        (t.length >= FUZZY_MIN_LENGTH && slipOf(t, w)) ||
        (term.longPhrase && t.length >= SLIP_MIN_LENGTH && t.length < FUZZY_MIN_LENGTH && withinOneEdit(t, w) && !changedLetter(t, w) && shortSlips++ === 0)
    }
    if (all) return i
  }
  return -1
}

/**
 * The same key, or long keys of the same length one letter apart ("qachaghchi" and "qaçaxçî"): a key is already
 * a letter or more from the word, so a letter added or dropped as well would be two slips ("harga", a price in
 * Indonesian, is not "harraga")
 */
function sameKey(tk: string, wk: string): boolean {
  return tk === wk || (tk.length >= CHANGE_MIN_LENGTH && tk.length === wk.length && withinOneEdit(tk, wk))
}

/** one edit away, a letter changed in place only in a word of CHANGE_MIN_LENGTH letters or more */
function slipOf(t: string, w: string): boolean {
  return withinOneEdit(t, w) && (t.length >= CHANGE_MIN_LENGTH || !changedLetter(t, w))
}

/** one letter changed in place (a word one edit away of the same length, not two neighbours swapped) */
function changedLetter(t: string, w: string): boolean {
  if (t.length !== w.length) return false
  let i = 0
  while (t[i] === w[i]) i++
  return !(t[i] === w[i + 1] && t[i + 1] === w[i])
}
