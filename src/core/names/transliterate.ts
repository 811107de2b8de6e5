import anyAscii from 'any-ascii'

// Hebrew and Arabic (abjads) and Thai and Lao leave most vowels unwritten, so their romanised tokens are also
// compared by consonants.
const ABJAD = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u0E00-\u0EFF]/
const HANGUL = /[\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]/
// A Chinese or Korean character is one syllable; any-ascii would run them together ("XiJinPing").
const SYLLABIC = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]/g
const NON_ASCII = /[^\x00-\x7F]/

export interface AsciiPiece {
  /** lower-case ASCII romanisation of one whitespace-separated piece of the input */
  text: string
  /** the piece was written in Hebrew or Arabic script */
  abjad: boolean
}

/** NFKC, then romanise each whitespace-separated piece through any-ascii, keeping which pieces were abjad. */
export function romanise(raw: string): AsciiPiece[] {
  const pieces: AsciiPiece[] = []
  for (const part of raw.normalize('NFKC').split(/\s+/)) {
    if (part === '') continue
    if (!NON_ASCII.test(part)) {
      pieces.push({ text: part.toLowerCase(), abjad: false })
      continue
    }
    const spaced = part.replace(SYLLABIC, (ch) => ` ${ch} `)
    let text = anyAscii(spaced).toLowerCase()
    if (HANGUL.test(part)) text = koreanAsWrittenInLists(text)
    pieces.push({ text, abjad: ABJAD.test(part) })
  }
  return pieces
}

/** The whole text as lower-case ASCII: for identifiers, table keys and messages. */
export function toAsciiLower(raw: string): string {
  const text = raw.normalize('NFKC')
  return (NON_ASCII.test(text) ? anyAscii(text) : text).toLowerCase()
}

/**
 * any-ascii gives Revised Romanisation ("gim jeong eun"); names in lists and payments mostly follow the older
 * McCune-Reischauer habits ("kim jong un"): voiceless initials, "o" for "eo", "u" for "eu".
 */
function koreanAsWrittenInLists(syllables: string): string {
  return syllables.replace(/[a-z]+/g, (syl) =>
    syl
      .replace(/^g/, 'k')
      .replace(/^b/, 'p')
      .replace(/^d/, 't')
      .replace('eo', 'o')
      .replace('eu', 'u'),
  )
}
