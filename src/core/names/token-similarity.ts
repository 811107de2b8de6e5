import levenshtein from 'fast-levenshtein'
import { areNicknames } from './name-parts.ts'
import { tokenJaroWinkler } from './token-jaro-winkler.ts'

const INITIAL_SCORE = 0.8
const NICKNAME_SCORE = 0.9
// equal consonants across an abjad romanisation ("msh" and "moshe") are strong evidence, not proof
const SKELETON_SCORE = 0.95

// a token cut short (field limits truncate names in payment messages) costs half per missing letter
const TRUNCATION_COST = 0.5
const MIN_TRUNCATED = 4
// spellings that differ only in letters transliterations swap (Sergej / Sergey / Sergei) are near, not equal
const FOLDED_SCORE = 0.95

/** Edit similarity: 1 minus the Levenshtein distance over the longer length. */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 0
  const shorter = a.length < b.length ? a : b
  if (shorter.length >= MIN_TRUNCATED && (a.length < b.length ? b : a).startsWith(shorter)) {
    return 1 - ((longest - shorter.length) * TRUNCATION_COST) / longest
  }
  return 1 - levenshtein.get(a, b) / longest
}

/** j, y and i stand for one another across transliteration systems. */
function foldTransliteration(token: string): string {
  return token.replace(/[jy]/g, 'i')
}

/**
 * Similarity of two name tokens, 0 to 1: the mean of Jaro-Winkler (forgiving at the end of a word) and edit
 * similarity (counting every change), with initials, nicknames and numbers handled apart. `abjad` says that one
 * side was romanised from Hebrew or Arabic, so consonant skeletons are compared as well.
 */
export function tokenSimilarity(a: string, b: string, abjad = false): number {
  if (a === b) return 1
  if (a.length === 1 || b.length === 1) return a.charCodeAt(0) === b.charCodeAt(0) ? INITIAL_SCORE : 0
  if (isDigit(a.charCodeAt(0)) || isDigit(b.charCodeAt(0))) return 0 // numbers are equal or different
  if (areNicknames(a, b)) return NICKNAME_SCORE
  const fa = foldTransliteration(a)
  const fb = foldTransliteration(b)
  if (fa === fb) return FOLDED_SCORE
  const jw = tokenJaroWinkler(fa, fb)
  let score = jw === 0 ? 0 : (jw + editSimilarity(fa, fb)) / 2
  if (abjad) score = Math.max(score, SKELETON_SCORE * editSimilarity(consonantSkeleton(a), consonantSkeleton(b)))
  return score
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * The consonants of a token, as an abjad writes them: vowels and the letters that double as vowels (w, y) dropped,
 * doubled letters collapsed ("mohammed" and "mhmd" both give "mhmd").
 */
export function consonantSkeleton(token: string): string {
  let out = ''
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!
    if ('aeiouwy'.includes(ch)) continue
    if (out.endsWith(ch)) continue
    out += ch
  }
  return out
}
