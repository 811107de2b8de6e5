import { CODE_WORD_PHRASES } from './data/code-word-phrases.ts'
import { CODE_WORDS } from './data/code-words.ts'
import type { Rng } from './prng.ts'

/** letters that lose their marks by hand as well (no Unicode decomposition for these) */
const BARE: Readonly<Record<string, string>> = { ı: 'i', İ: 'I', đ: 'd', Đ: 'D', ł: 'l' }

/** the text as typed on a keyboard without the language's marks: "qaçaxçî" → "qacaxci", "đi Anh" → "di Anh" */
export function withoutMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[ıİđĐł]/g, (c) => BARE[c] ?? c)
}

/** one slip of the pen inside a longer word: a letter doubled, dropped or swapped with the next */
function misspell(rng: Rng, text: string): string {
  const words = text.split(' ')
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{5,}$/u.test(w))
  if (long.length === 0) return text
  const [word, at] = rng.pick(long)
  const chars = [...word]
  const i = rng.int(1, chars.length - 2)
  const kind = rng.int(0, 2)
  if (kind === 0) chars.splice(i, 0, chars[i]!)
  else if (kind === 1) chars.splice(i, 1)
  else [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!]
  words[at] = chars.join('')
  return words.join(' ')
}

/**
 * A code word as it appears in a payment reference: with or without diacritics, in another case, sometimes
 * misspelt, sometimes beside a count or a name. A lexicon has to match it case- and accent-insensitively.
 */
export function codeWordMemo(rng: Rng, extra?: string): string {
  return dress(rng, rng.pick(CODE_WORDS).term, extra)
}

/**
 * A reference of a `memo_code_word` instance, from the phrase set written apart from the lexicon
 * (`data/code-word-phrases.ts`), worded around the traveller's name where the phrase has a place for it, and
 * dressed as `codeWordMemo` dresses a code word.
 */
export function codeWordPhraseMemo(rng: Rng, traveller: string): string {
  const phrase = rng.pick(CODE_WORD_PHRASES).text
  if (phrase.includes('{name}')) return dress(rng, phrase.replace('{name}', traveller))
  return dress(rng, phrase, traveller)
}

/** with or without diacritics, in another case, sometimes misspelt, sometimes beside a count or `extra` */
function dress(rng: Rng, text: string, extra?: string): string {
  let term = text
  if (rng.chance(0.45)) term = withoutMarks(term)
  const r = rng.float()
  if (r < 0.15) term = term.toUpperCase()
  else if (r < 0.3) term = term.toLowerCase()
  if (rng.chance(0.2)) term = misspell(rng, term)
  const d = rng.float()
  if (d < 0.15) return `${term} x${rng.int(2, 4)}`
  if (d < 0.3 && extra) return `${extra} ${term}`
  if (d < 0.4) return `${term} ${rng.int(1, 4)} pax`
  return term
}
