import { legalForms, looksPatronymic, ORG_CLASS_WORDS, PARTICLES, PERSON_SUFFIXES, PERSON_TITLES_AFTER, personTitles } from './name-parts.ts'
import { numberWordsToDigits } from './number-words.ts'
import type { NameShape } from './compare-names.ts'
import { tokenForms, type TokenForms } from './token-similarity.ts'
import { romanise, type Approximation } from './transliterate.ts'

/** How a token counts: words carry the name; initials, particles and legal forms say little on their own. */
export type TokenKind = 'word' | 'initial' | 'particle' | 'legal' | 'number'

export interface NameToken extends TokenForms {
  kind: TokenKind
  /**
   * share of the name this token stands for, in WEIGHT_UNITs: its length for words (an index scales a word by how
   * rare it is in the lists, see token-weights.ts), less for the rest
   */
  weight: number
  /** romanised from a script that writes sounds only approximately (abjad, abugida, CJK): compare by sound too */
  approx: Approximation
  /** which whitespace-separated piece of the input it came from: syllables of one piece may be joined */
  piece: number
  /** one syllable of a Chinese or Korean piece */
  syllable: boolean
  /** a person's patronymic ("Vladimirovich"): it says whose child, not who, and lists give it where queries do not */
  patronymic: boolean
  /** set by an index on the tokens it shares between names, to memoise comparisons */
  id: number | undefined
}

export interface NormalName {
  tokens: NameToken[]
  /** the tokens joined by spaces: a stable key, and what an explanation shows */
  text: string
  /** how the name was read: person, org, or either */
  kind: NameKind
  /** written "SURNAME, Given" (as lists write people): the number of leading tokens before the comma, else 0 */
  surnameTokens: number
  /** what the comparison works out of the name once (compare-names.ts), filled in when first compared */
  shape?: NameShape
}

/** person: titles and generational suffixes go; org: legal forms become generic tokens; undefined: both. */
export type NameKind = 'person' | 'org' | undefined

/**
 * Weights are whole numbers (an index keeps them in typed arrays): a word weighs WEIGHT_UNIT per letter, so that
 * scaling it by its rarity keeps a fine grain.
 */
export const WEIGHT_UNIT = 16
const LIGHT_WEIGHT = WEIGHT_UNIT
/** A patronymic weighs this share of a word of its length. */
export const PATRONYMIC_SHARE = 0.5
const INITIAL_WEIGHT = WEIGHT_UNIT
const NUMBER_WEIGHT = 3 * WEIGHT_UNIT
// a one- to three-letter legal form ("sa", "ag", "in") is trusted only at either end of the name
const SHORT_LEGAL_FORM = 3

const APOSTROPHES = /['`]/g
const NOT_ALNUM = /[^a-z0-9]+/
// "L.X.C." or "J.P": letters joined by dots are one acronym, not separate initials
const DOTTED_ACRONYM = /^(?:[a-z0-9]\.){1,8}[a-z0-9]\.?$/

/**
 * `listed`: the name is a list's, not a query: a legal form written in words also keeps its lone letters ("Sp. z
 * o.o." gives "llc z"), light, since a token search (OFAC's) finds "DONCOALTRADE SP Z O O" for "Z". Only list names
 * keep them: a query's unmatched token costs its whole weight, so a query "SBT S..A" would lose "SBT S.A.".
 */
export function normaliseName(raw: string, kind?: NameKind, listed = false): NormalName {
  let words: string[] = []
  const approxWords: Approximation[] = []
  const pieceOf: number[] = []
  const syllableWords: boolean[] = []
  let commaPiece = -1
  for (const [p, piece] of romanise(raw).entries()) {
    const text = piece.text.replace(APOSTROPHES, '')
    if (commaPiece < 0 && text.includes(',')) commaPiece = text.endsWith(',') ? p : p - 1
    // most pieces are a plain word already, which the regular expressions below would only return as it is
    const parts = isPlainWord(text) ? [text] : DOTTED_ACRONYM.test(text.replace(/,$/, '')) ? [text.replace(/[.,]/g, '')] : text.split(NOT_ALNUM)
    for (const w of parts) {
      if (w === '') continue
      words.push(w)
      approxWords.push(piece.approx)
      pieceOf.push(p)
      syllableWords.push(piece.syllables)
    }
  }
  const converted = numberWordsToDigits(words)
  if (converted !== words) {
    words = converted
    approxWords.length = 0
    pieceOf.length = 0
    syllableWords.length = 0
  }
  let start = 0
  let end = words.length
  if (kind !== 'org') {
    for (let m = personTitles.match(words, start); m && start + m.length < end; m = personTitles.match(words, start)) {
      start += m.length
    }
    while (end - start > 1 && PERSON_TITLES_AFTER.has(words[end - 1]!)) end--
  }
  const tokens: NameToken[] = []
  for (let i = start; i < end; i++) {
    const w = words[i]!
    const source = { approx: approxWords[i], piece: pieceOf[i] ?? i, syllable: syllableWords[i] ?? false }
    if (kind !== 'person') {
      const form = legalForms.match(words, i)
      if (form && (form.length > 1 || w.length > SHORT_LEGAL_FORM || i === start || i === end - 1) && end - start > form.length) {
        tokens.push(token(form.value, 'legal', LIGHT_WEIGHT, source))
        if (listed) for (let k = i; k < i + form.length; k++) if (words[k]!.length === 1 && !isDigits(words[k]!)) tokens.push(token(words[k]!, 'legal', LIGHT_WEIGHT, source))
        i += form.length - 1
        continue
      }
    }
    if (kind !== 'org' && PERSON_SUFFIXES.has(w) && end - start > 2) continue
    if (kind !== 'person' && ORG_CLASS_WORDS.has(w)) {
      tokens.push(token(w, 'legal', LIGHT_WEIGHT, source))
      continue
    }
    tokens.push(classify(w, source))
  }
  // an organisation's letters written apart are its acronym ("I A C INTERNATIONAL INC." is IAC International, as the
  // dotted "I.A.C." is): one word, so that the class word beside it stays light, as it is in "Aydin International
  // LLC" (issue 17, names28). People's lone letters stay initials ("J A Smith").
  if (kind === 'org') joinLetters(tokens)
  // a name made only of light tokens ("AL", "THE CO") is still a name
  if (tokens.length > 0 && tokens.every((t) => t.kind !== 'word' && t.kind !== 'number')) {
    for (const t of tokens) if (t.kind !== 'initial') Object.assign(t, { kind: 'word', weight: wordWeight(t.text) })
  }
  // longer strings are addresses or remarks rather than names; the aligner keeps token sets in 32-bit masks
  if (tokens.length > MAX_NAME_TOKENS) tokens.length = MAX_NAME_TOKENS
  let surnameTokens = 0
  if (commaPiece >= 0) while (surnameTokens < tokens.length && tokens[surnameTokens]!.piece <= commaPiece) surnameTokens++
  if (surnameTokens === tokens.length) surnameTokens = 0
  if (kind !== 'org') markPatronymics(tokens, surnameTokens)
  return { tokens, text: tokens.map((t) => t.text).join(' '), kind, surnameTokens }
}

export const MAX_NAME_TOKENS = 24

function joinLetters(tokens: NameToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    let j = i
    while (j < tokens.length && tokens[j]!.kind === 'initial' && !isDigits(tokens[j]!.text)) j++
    if (j - i < 2) continue
    const first = tokens[i]!
    const text = tokens.slice(i, j).map((t) => t.text).join('')
    tokens.splice(i, j - i, token(text, 'word', wordWeight(text), { approx: first.approx, piece: first.piece, syllable: false }))
  }
}

/**
 * A word of patronymic form that is neither the surname nor the first given name: after a given name in "SURNAME,
 * Given Patronymic", between the first and the last word otherwise ("Vladimir Vladimirovich Putin"). A surname of
 * that form ("ABRAMOVICH, Roman"; "Roman Abramovich") stays a word of full weight.
 */
function markPatronymics(tokens: NameToken[], surnameTokens: number): void {
  const first = surnameTokens > 0 ? surnameTokens + 1 : 1
  const last = surnameTokens > 0 ? tokens.length : tokens.length - 1
  for (let i = first; i < last; i++) {
    const t = tokens[i]!
    if (t.kind === 'word' && looksPatronymic(t.text)) {
      t.patronymic = true
      t.weight = wordWeight(t.text, true)
    }
  }
}

type Source = Pick<NameToken, 'approx' | 'piece' | 'syllable'>

function classify(w: string, source: Source): NameToken {
  if (isDigits(w)) return token(w, 'number', NUMBER_WEIGHT, source)
  if (w.length === 1 && !source.syllable) return token(w, 'initial', INITIAL_WEIGHT, source)
  if (PARTICLES.has(w) && !source.syllable) return token(w, 'particle', LIGHT_WEIGHT, source)
  return token(w, 'word', wordWeight(w), source)
}

/** A word's weight before its rarity is known: its length (a patronymic's, a share of it), scaled by `factor`. */
export function wordWeight(text: string, patronymic = false, factor = 1): number {
  return Math.max(1, Math.round(text.length * WEIGHT_UNIT * factor * (patronymic ? PATRONYMIC_SHARE : 1)))
}

// one object literal of one shape, not spreads: every token of every list name is made here
function token(text: string, kind: TokenKind, weight: number, source: Source): NameToken {
  const forms = tokenForms(text)
  const { folded, respelled, skeleton, nicknames, textSound, foldedSound } = forms
  return { text, folded, respelled, skeleton, nicknames, textSound, foldedSound, kind, weight, approx: source.approx, piece: source.piece, syllable: source.syllable, patronymic: false, id: undefined }
}

/** Letters a-z and digits only, at least one. */
function isPlainWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i)
    if ((c < 97 || c > 122) && (c < 48 || c > 57)) return false
  }
  return w.length > 0
}

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}
