import { jaroWinkler } from './jaro-winkler.ts'

// Jaro-Winkler is lenient with tokens of different length and with different first letters; these penalties and
// their weights follow moov-io/watchman (Apache-2.0), whose published test cases the tests check against.
const LENGTH_CUTOFF = 0.9
const LENGTH_PENALTY_WEIGHT = 0.3
const FIRST_LETTER_PENALTY = 0.9

/** Soundex class of a letter: tokens whose first letters sound alike are compared, others score 0. */
export function soundClass(code: number): number {
  return code < 128 ? SOUND_CLASS[code]! : -code
}

// by character code: letters that sound alike share a class; h, w, y, a, digits: only the same character. e and i,
// o and u share one: Arabic and Persian write three short vowels, unwritten, that romanisations spell either way
// (Ezzat, Izzat; Omar, Umar; Osama, Usama), and y read as i ("Yevgeniy") meets e ("Evgeniy")
const SOUND_CLASS = Int32Array.from({ length: 128 }, (_, code) => {
  switch (String.fromCharCode(code)) {
    case 'e': case 'i': return 7
    case 'o': case 'u': return 8
    case 'b': case 'f': case 'p': case 'v': case 'w': return 1 // w and v swap across transliterations
    case 'c': case 'g': case 'j': case 'k': case 'q': case 's': case 'x': case 'z': return 2
    case 'd': case 't': return 3
    case 'l': return 4
    case 'm': case 'n': return 5
    case 'r': return 6
    default: return -code
  }
})

export function firstSoundsAlike(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && soundClass(a.charCodeAt(0)) === soundClass(b.charCodeAt(0))
}

/** Jaro-Winkler of two name tokens with penalties for a length difference and a different first letter. */
export function tokenJaroWinkler(a: string, b: string): number {
  if (!firstSoundsAlike(a, b)) return 0
  let score = jaroWinkler(a, b)
  const lengthRatio = Math.min(a.length, b.length) / Math.max(a.length, b.length)
  if (lengthRatio < LENGTH_CUTOFF) score *= 1 - (1 - lengthRatio) * LENGTH_PENALTY_WEIGHT
  if (a.charCodeAt(0) !== b.charCodeAt(0)) score *= FIRST_LETTER_PENALTY
  return score
}
