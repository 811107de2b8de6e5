import levenshtein from 'fast-levenshtein'
import { nicknameGroupsOf } from './name-parts.ts'
import { soundClass, tokenJaroWinkler } from './token-jaro-winkler.ts'
import type { Approximation } from './transliterate.ts'

const INITIAL_SCORE = 0.8
const NICKNAME_SCORE = 0.9
// equal consonants across an approximate romanisation ("msh" and "moshe") are strong evidence, not proof
const SKELETON_SCORE = 0.95
// below this, (jw + edit) / 2 stays under 0.65, where the aligner ignores a pair anyway
const HOPELESS_JARO_WINKLER = 0.3
// below this mean no pair is aligned (0.65) nor counted towards a lead (0.61)
const HOPELESS_MEAN = 0.6
const SKELETON_BASE = 0.7
const SKELETON_PER_CONSONANT = 0.1

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

function skeletonSimilarity(a: string, b: string, approx: NonNullable<Approximation>): number {
  const shortest = Math.min(a.length, b.length)
  if (shortest === 0) return 0
  // syllabic and alphabetic renderings keep their vowels, so a bare two-consonant match ("bu hai er", "pepper") is
  // weak evidence; an abjad has nothing but its consonants
  const lengthFactor = approx === 'abjad' ? 1 : Math.min(1, SKELETON_BASE + SKELETON_PER_CONSONANT * shortest)
  return SKELETON_SCORE * lengthFactor * editSimilarity(a, b)
}

/**
 * The sound skeletons of two tokens compared, a Latin v also read as a labial: the skeleton drops it (Persian and
 * Urdu write it with the letter that is also a vowel), but Arabic writes it with f and Hebrew with b.
 */
function skeletonsSimilarity(fa: TokenForms, fb: TokenForms, approx: NonNullable<Approximation>): number {
  if (approx === 'abjad' && (LIQUID.test(fa.text) || LIQUID.test(fb.text))) return abjadSkeletonsSimilarity(fa.text, fb.text)
  let s = skeletonSimilarity(fa.skeleton, fb.skeleton, approx)
  if (fa.text.includes('v')) s = Math.max(s, skeletonSimilarity(soundSkeleton(fa.text, false, true), fb.skeleton, approx))
  if (fb.text.includes('v')) s = Math.max(s, skeletonSimilarity(fa.skeleton, soundSkeleton(fb.text, false, true), approx))
  return s
}

const LIQUID = /[lr]/

/**
 * Arabic, Persian and Hebrew write l and r with letters of their own (ل ر, ל ר), unlike the syllabaries whose
 * romanisations merge them: across an abjad they stay apart, so that "wright" (rkt) is not "القاعدة" (lqdh).
 */
function abjadSkeletonsSimilarity(a: string, b: string): number {
  const sa = soundSkeleton(a, false, false, true)
  const sb = soundSkeleton(b, false, false, true)
  let s = skeletonSimilarity(sa, sb, 'abjad')
  if (a.includes('v')) s = Math.max(s, skeletonSimilarity(soundSkeleton(a, false, true, true), sb, 'abjad'))
  if (b.includes('v')) s = Math.max(s, skeletonSimilarity(sa, soundSkeleton(b, false, true, true), 'abjad'))
  return s
}

/**
 * j, y and i stand for one another across transliteration systems; an onset French or German writes with a letter
 * more is read as the English one (Djamel, Djibril: Jamel, Jibril; Tchen, Tschernow: Chen, Chernow), so that such a
 * word still starts like its other spellings.
 */
function foldLetters(token: string): string {
  const t = token.charCodeAt(0) === 116 || token.charCodeAt(0) === 100 ? token.replace(ONSET, onsetAsEnglish) : token
  return t.includes('j') || t.includes('y') ? t.replace(/[jy]/g, 'i') : t
}

const ONSET = /^(?:dj|tsch|tch)(?=[aeiouy])/
const onsetAsEnglish = (onset: string) => (onset === 'dj' ? 'j' : 'ch')

/**
 * A token respelled so that the ways European orthographies and romanisation systems write one sound meet: j, y and
 * i stand for one another; w for v (Wladimir, Vladimir); ou, oo and oe for u (Poutine, Mahmood, Poetin); ee for i;
 * tsch, tsj, tch, cz and cs for ch (-witsch, -witsj, -vitch, -wicz, -vics: -vich); sch for sh; ph for f; bh for b
 * (Devanagari and Bengali write a foreign v so). It can also part spellings that belong together ("joe" and "jose"),
 * so a comparison takes the better of the folded and the respelled forms.
 */
export function respell(token: string): string {
  if (!FOLDABLE.test(token)) return token
  let t = token
  if (t.includes('ch') || t.includes('cz') || t.includes('cs') || t.includes('tsj')) t = t.replace(TO_CH, 'ch').replace(/sch/g, 'sh')
  if (t.includes('ph') || t.includes('bh')) t = t.replace(/ph/g, 'f').replace(/bh/g, 'b')
  return t.replace(/w/g, 'v').replace(/ou|oo|oe/g, 'u').replace(/ee/g, 'i').replace(/[jy]/g, 'i')
}

// what respell may change: most tokens have none of it and are returned as they are
const FOLDABLE = /[jyw]|ou|oo|oe|ee|ch|cz|cs|tsj|ph|bh/
const TO_CH = /tsch|tsj|tch|cz|cs/g

/**
 * Similarity of two name tokens, 0 to 1: the mean of Jaro-Winkler (forgiving at the end of a word) and edit
 * similarity (counting every change), with initials, nicknames and numbers handled apart. Below 0.65 the value is
 * only indicative (the edit distance is skipped when it could not lift the mean to 0.65). `approx` says that one
 * side was romanised from a script that writes sounds only approximately, so sound skeletons are compared as well.
 */
export function tokenSimilarity(a: string, b: string, approx?: Approximation): number {
  return formsSimilarity(tokenForms(a), tokenForms(b), approx)
}

/** A token with the derived spellings the comparison needs, computed once per token rather than per pair. */
export interface TokenForms {
  text: string
  /** j and y read as i */
  folded: string
  /** respelled across orthographies (see respell) */
  respelled: string
  /** consonants by sound, see soundSkeleton */
  skeleton: string
  /** the nickname groups of `text`, undefined for none */
  nicknames: readonly number[] | undefined
  /** sound class of the first letter of `text` and of `folded` (see soundClass) */
  textSound: number
  foldedSound: number
}

export function tokenForms(text: string): TokenForms {
  const folded = foldLetters(text)
  const groups = nicknameGroupsOf(text)
  return {
    text,
    folded,
    respelled: respell(text),
    skeleton: soundSkeleton(text),
    nicknames: groups.length === 0 ? undefined : groups,
    textSound: soundClass(text.charCodeAt(0)),
    foldedSound: soundClass(folded.charCodeAt(0)),
  }
}

function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i]!)) return true
  return false
}

/** What quickSimilarity returns when it needs more of the second token than it was given. */
export const UNDECIDED = -1

/**
 * The similarity of two tokens when the first letter, length, sound classes and having nicknames of the second tell
 * it (they do for most pairs: initials, numbers, words starting with different sounds), else UNDECIDED. An index
 * keeps these for its tokens in flat arrays, so most comparisons read no token object.
 */
export function quickSimilarity(
  fa: TokenForms,
  first: number,
  length: number,
  textSound: number,
  foldedSound: number,
  nicknames: boolean,
  approx: Approximation,
): number {
  const a = fa.text
  const aFirst = a.charCodeAt(0)
  // the same text is 1
  if (a.length === length && aFirst === first) return UNDECIDED
  if (a.length === 1 || length === 1) return aFirst === first ? INITIAL_SCORE : 0
  if (isDigit(aFirst) || isDigit(first)) return 0 // numbers are equal or different
  if (fa.nicknames !== undefined && nicknames) return UNDECIDED
  // most pairs start with letters that sound different (so their folded forms differ too): Jaro-Winkler is then 0
  // (see tokenJaroWinkler), and so is the mean; only a sound skeleton may still count
  if (fa.foldedSound !== foldedSound && (!approx || (approx === 'alphabetic' && fa.textSound !== textSound))) return 0
  return UNDECIDED
}

export function formsSimilarity(fa: TokenForms, fb: TokenForms, approx?: Approximation): number {
  const a = fa.text
  const b = fb.text
  const quick = quickSimilarity(fa, b.charCodeAt(0), b.length, fb.textSound, fb.foldedSound, fb.nicknames !== undefined, approx)
  if (quick !== UNDECIDED) return quick
  if (a === b) return 1
  if (a.length === 1 || b.length === 1) return a.charCodeAt(0) === b.charCodeAt(0) ? INITIAL_SCORE : 0
  if (isDigit(a.charCodeAt(0)) || isDigit(b.charCodeAt(0))) return 0
  if (fa.nicknames !== undefined && fb.nicknames !== undefined && shareGroup(fa.nicknames, fb.nicknames)) return NICKNAME_SCORE
  if (fa.folded === fb.folded || fa.respelled === fb.respelled) return FOLDED_SCORE
  if (fa.foldedSound !== fb.foldedSound) {
    if (!approx || (approx === 'alphabetic' && fa.textSound !== fb.textSound)) return 0
    return Math.max(0, skeletonsSimilarity(fa, fb, approx))
  }
  let score = spellingSimilarity(fa.folded, fb.folded)
  if (fa.respelled !== fa.folded || fb.respelled !== fb.folded) score = Math.max(score, spellingSimilarity(fa.respelled, fb.respelled))
  if (score < VOWEL_FOLDED_SCORE && Math.abs(a.length - b.length) <= VOWEL_FOLD_LENGTH_GAP && vowelFold(a) === vowelFold(b)) return VOWEL_FOLDED_SCORE
  // a letter-by-letter alphabet (Cyrillic, Greek) keeps a name's first sound; abjads and syllabaries may not
  if (approx && (approx !== 'alphabetic' || score > 0 || fa.textSound === fb.textSound)) score = Math.max(score, skeletonsSimilarity(fa, fb, approx))
  return score
}

// spellings of an Arabic or Persian name that differ only in how they write its unwritten vowels and a few letters
// (see vowelFold) are near, a little less than a respelling
const VOWEL_FOLDED_SCORE = 0.92
const VOWEL_FOLD_LENGTH_GAP = 2

/**
 * A token as romanisations of Arabic and Persian write it alike: e as i and o as u (the short vowels are not
 * written, so "Mohsen" is "Muhsin", "Osama" "Usama"), y as i, gh and q as k (Persian writes one sound with
 * both letters: "Ghasem", "Qasem", "Kassem"), each doubled letter once ("Ezzat", "Izzat").
 */
export function vowelFold(token: string): string {
  let out = ''
  let last = ''
  for (let i = 0; i < token.length; i++) {
    let ch = token[i]!
    if (ch === 'g' && token[i + 1] === 'h') {
      ch = 'k'
      i++
    } else if (ch === 'q') ch = 'k'
    else if (ch === 'e' || ch === 'y') ch = 'i'
    else if (ch === 'o') ch = 'u'
    if (ch === last) continue
    out += ch
    last = ch
  }
  return out
}

/** The mean of Jaro-Winkler and edit similarity of two spellings (see formsSimilarity). */
function spellingSimilarity(a: string, b: string): number {
  const jw = tokenJaroWinkler(a, b)
  // the mean cannot reach a useful level with so little Jaro-Winkler similarity, or with lengths so far apart
  // that even the best edit similarity keeps it low: spare the edit distance (the value stays an upper bound)
  if (jw < HOPELESS_JARO_WINKLER) return jw / 2
  const editBound = 1 - (TRUNCATION_COST * Math.abs(a.length - b.length)) / Math.max(a.length, b.length)
  if ((jw + editBound) / 2 < HOPELESS_MEAN) return (jw + editBound) / 2
  return (jw + editSimilarity(a, b)) / 2
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * The consonants of a token as they sound across scripts: only consonants (an abjad writes little else; w, v, y
 * and h double as vowels or vanish), letters that scripts without the distinction merge (l/r, s/z, c/k/q, p/b/f)
 * folded, doubles collapsed: "washington" and "vvsyngtvn" both give "snktn". `keepLiquids` keeps l apart from r
 * (for abjads, see abjadSkeletonsSimilarity).
 */
export function soundSkeleton(token: string, foldKh = false, labialV = false, keepLiquids = false): string {
  let out = ''
  let last = ''
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i)
    const next = token.charCodeAt(i + 1)
    // a soft c ("ce", "ci", "cy") is an s; `foldKh` reads "kh" as h, as Russian and Arabic h are often written
    // ("abdullakh", "abdullah"): blocking uses it for an extra key, while scoring keeps the k
    const ch =
      code === 99 && (next === 101 || next === 105 || next === 121)
        ? 's'
        : foldKh && code === 107 && next === 104
          ? ''
          : labialV && code === 118
            ? 'b'
            : keepLiquids && code === 108
              ? 'l'
              : (SOUND_FOLD[code - 97] ?? '')
    if (ch === '' || ch === last) continue
    out += ch
    last = ch
  }
  return out
}

// a..z; '' drops the letter
const SOUND_FOLD = ['', 'b', 'k', 't', '', 'b', 'k', '', '', 'j', 'k', 'r', 'm', 'n', '', 'b', 'k', 'r', 's', 't', '', '', '', 's', '', 's']
