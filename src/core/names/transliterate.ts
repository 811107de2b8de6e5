import anyAscii from 'any-ascii'
import { HANJA_READINGS } from './data/hanja-readings.ts'

// Scripts whose romanisation is only approximate: abjads (Hebrew, Arabic) and abugidas (Thai, Lao) leave most
// vowels unwritten; Chinese, Japanese and Korean render foreign names by syllables. Their tokens are also compared
// by sound (see token-similarity.ts).
const VOWELLESS = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u0E00-\u0EFF]/
const SYLLABARY = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]/
// A Chinese or Korean character is one syllable; any-ascii would run them together ("XiJinPing").
const SYLLABIC = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]/g
const HANGUL = /[\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]/
const NON_ASCII = /[^\x00-\x7F]/

/**
 * How far a script's romanisation can be trusted: 'abjad' has no vowels, 'syllabic' renders foreign names by
 * syllables, 'alphabetic' (Cyrillic, Greek, ...) by letters, but borrowed names still drift ("Хаддл", "Huddle");
 * undefined for Latin script.
 */
export type Approximation = 'abjad' | 'syllabic' | 'alphabetic' | undefined

/** Approximations by number, for flat tables: the index of a token's approximation here is its code. */
export const APPROXIMATIONS: readonly Approximation[] = [undefined, 'abjad', 'syllabic', 'alphabetic']

export interface AsciiPiece {
  /** lower-case ASCII romanisation of one whitespace-separated piece of the input */
  text: string
  /** written in a script whose romanisation is only approximate */
  approx: Approximation
  /** written in Chinese characters or Hangul: `text` holds one token per syllable */
  syllables: boolean
}

/** NFKC, then romanise each whitespace-separated piece through any-ascii, saying how reliable that is. */
export function romanise(raw: string): AsciiPiece[] {
  const pieces: AsciiPiece[] = []
  for (const part of raw.normalize('NFKC').split(/\s+/)) {
    if (part === '') continue
    if (!NON_ASCII.test(part)) {
      pieces.push({ text: part.toLowerCase(), approx: undefined, syllables: false })
      continue
    }
    SYLLABIC.lastIndex = 0
    const syllables = SYLLABIC.test(part)
    const spaced = syllables ? part.replace(SYLLABIC, (ch) => ` ${ch} `) : part
    let text = anyAscii(GREEK_STOPS.test(spaced) ? greekStops(spaced) : spaced).toLowerCase()
    if (HANGUL.test(part)) text = koreanAsWrittenInLists(text)
    pieces.push({ text, approx: approximation(part), syllables })
  }
  return pieces
}

// Greek has no letters for b, d and g: it writes them μπ, ντ and γκ in foreign names (Βλαντίμιρ, Vladimir; Μπους,
// Bush), which any-ascii reads letter by letter ("vlantimir"). At the end of a word they keep their nasal (Τραμπ).
const GREEK_STOPS = /[μΜ][πΠ]|[νΝ][τΤ]|[γΓ][κΚ]/
const GREEK_STOP_PAIRS = /([μΜ][πΠ]|[νΝ][τΤ]|[γΓ][κΚ])(?=\p{L})/gu
const GREEK_STOP_LETTERS: Record<string, string> = { μπ: 'b', ντ: 'd', γκ: 'g' }

function greekStops(text: string): string {
  return text.replace(GREEK_STOP_PAIRS, (pair) => {
    const latin = GREEK_STOP_LETTERS[pair.toLowerCase()]!
    return pair[0] === pair[0]!.toLowerCase() ? latin : latin.toUpperCase()
  })
}

// letters of scripts other than Latin (Latin and its extensions are below U+0250, plus U+1E00-U+1EFF)
const OTHER_ALPHABET = /[\u0370-\u058F\u10A0-\u10FF\u1C80-\u1C8F\u1F00-\u1FFF\u2DE0-\u2DFF\uA640-\uA69F]/

function approximation(part: string): Approximation {
  if (VOWELLESS.test(part)) return 'abjad'
  if (SYLLABARY.test(part)) return 'syllabic'
  return OTHER_ALPHABET.test(part) ? 'alphabetic' : undefined
}

/** The whole text as lower-case ASCII: for identifiers, table keys and messages. */
export function toAsciiLower(raw: string): string {
  const text = raw.normalize('NFKC')
  return (NON_ASCII.test(text) ? anyAscii(text) : text).toLowerCase()
}

/**
 * any-ascii gives Revised Romanisation ("gim jeong eun"); names in lists and payments mostly follow the older
 * McCune-Reischauer habits ("kim jong un", "pak"): voiceless initials and finals, "o" for "eo", "u" for "eu".
 */
function koreanAsWrittenInLists(syllables: string): string {
  return syllables.replace(/[a-z]+/g, (syl) =>
    syl
      .replace(/^g/, 'k')
      .replace(/^b/, 'p')
      .replace(/^d/, 't')
      .replace(/([^n])g$/, '$1k')
      .replace('eo', 'o')
      .replace('eu', 'u'),
  )
}

const HAN = /[\u4E00-\u9FFF]/
const KANA = /[\u3040-\u30FF]/
let hanjaToHangul: Map<string, string> | undefined
// the one common character whose reading as a family name differs from its dictionary reading: 金 is "geum"
// (gold) but the surname Kim
const SURNAME_READINGS: Record<string, string> = { 金: '김' }

/**
 * The name read the Korean way, when it is written in Chinese characters only (no kana, which would make it
 * Japanese): Korean names are also written in Hanja (金正恩, Kim Jong Un), which any-ascii reads as Mandarin
 * ("jin zheng en"). Each character becomes its Hangul reading (from the hanja package's table), the first of a
 * word read as a surname. Undefined when there is nothing to read.
 */
export function koreanReading(raw: string): string | undefined {
  if (!HAN.test(raw) || KANA.test(raw)) return undefined
  if (!hanjaToHangul) {
    hanjaToHangul = new Map()
    for (const [hangul, chars] of Object.entries(HANJA_READINGS)) for (const ch of chars) hanjaToHangul.set(ch, hangul)
  }
  const table = hanjaToHangul
  return raw
    .split(/(\s+)/)
    .map((word) => [...word].map((ch, i) => (i === 0 && SURNAME_READINGS[ch]) || table.get(ch) || ch).join(''))
    .join('')
}
