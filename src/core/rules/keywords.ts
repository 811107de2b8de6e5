import anyAscii from 'any-ascii'
import type { TransferContext } from '../screen/view.ts'

const ASCII = /^[\x00-\x7f]*$/
const NOT_ASCII_LETTERS = /[^\p{M}\x00-\x7f\P{L}]+/gu

/**
 * Words of free text: NFKD, without diacritics, letters NFKD keeps whole (đ, ı, ø, ß, Arabic script) romanised
 * by any-ascii, lower-case, split on anything that is not a letter or digit. So "tiền đường" and "tien duong",
 * "kaçakçı" and "kacakci" are the same words.
 */
export function normaliseWords(text: string): string[] {
  // most references are plain ASCII: there NFKD and the mark removal change nothing, and an ASCII split is much cheaper
  if (ASCII.test(text)) return asciiWords(text.toLowerCase())
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(NOT_ASCII_LETTERS, anyAscii)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
}

/** `lower.split(/[^a-z0-9]+/)` without the empty words, by one scan instead of a regular expression and a filter */
function asciiWords(lower: string): string[] {
  const words: string[] = []
  let start = -1
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i)
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
    if (word) {
      if (start < 0) start = i
    } else if (start >= 0) {
      words.push(lower.slice(start, i))
      start = -1
    }
  }
  if (start >= 0) words.push(start === 0 ? lower : lower.slice(start))
  return words
}

// the last two texts `lastWord` was asked about and their words: the rules that compare surnames ask for the
// same two parties' names again and again within a record
let lastText1: string | undefined
let lastWord1: string | undefined
let lastText2: string | undefined
let lastWord2: string | undefined

/**
 * The last of `normaliseWords(text)`, without splitting the whole text: a surname, asked for per party and per
 * rule on every record.
 */
export function lastWord(text: string): string | undefined {
  if (text === lastText1) return lastWord1
  if (text === lastText2) return lastWord2
  const word = lastWordOf(text)
  lastText2 = lastText1
  lastWord2 = lastWord1
  lastText1 = text
  lastWord1 = word
  return word
}

function lastWordOf(text: string): string | undefined {
  if (!ASCII.test(text)) return normaliseWords(text).at(-1)
  let end = text.length
  while (end > 0 && !isAsciiWordChar(text.charCodeAt(end - 1))) end--
  if (end === 0) return undefined
  let start = end - 1
  while (start > 0 && isAsciiWordChar(text.charCodeAt(start - 1))) start--
  return text.slice(start, end).toLowerCase()
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

export function contextWords(ctx: TransferContext): string[] {
  if (ctx.words === undefined) {
    const { reference, purpose } = ctx.record
    ctx.words = reference || purpose ? normaliseWords(`${reference ?? ''} ${purpose ?? ''}`) : []
  }
  return ctx.words
}

/**
 * A lexicon compiled for matching: single words and phrases as word sequences, symbol entries (emoji) as plain
 * substrings, and an entry mixing both ("⛵ uk") as its words that also needs each of its symbols somewhere in the
 * text: every token of an entry must be found. No regular expression comes from the rule file.
 */
export interface KeywordMatcher {
  /** the lexicon entries found in the text, in lexicon form */
  find(words: string[], rawText: string): string[]
}

interface WordEntry {
  entry: string
  words: string[]
  /** symbols the entry also holds, each of which must be in the raw text */
  symbols: string[]
}

// what is left of an entry once its words, marks, spaces and punctuation are taken out: its symbols (emoji, signs)
const NOT_SYMBOL = /[\p{L}\p{N}\p{M}\p{P}\s]+/u

/** the symbols of an entry that also has words ("⛵ uk" → ["⛵"]): each must be in the text for the entry to match */
export function entrySymbols(entry: string): string[] {
  return entry.split(NOT_SYMBOL).filter((s) => s.length > 0)
}

export function compileKeywords(entries: readonly string[]): KeywordMatcher {
  const byFirstWord = new Map<string, WordEntry[]>()
  const symbolsOnly: string[] = []
  for (const entry of entries) {
    const words = normaliseWords(entry)
    if (words.length === 0) {
      symbolsOnly.push(entry.trim())
      continue
    }
    const symbols = entrySymbols(entry)
    const list = byFirstWord.get(words[0]!) ?? []
    list.push({ entry, words, symbols })
    byFirstWord.set(words[0]!, list)
  }
  return {
    find(words, rawText) {
      const found: string[] = []
      for (let i = 0; i < words.length; i++) {
        const candidates = byFirstWord.get(words[i]!)
        if (candidates === undefined) continue
        for (const p of candidates) {
          if (found.includes(p.entry)) continue
          let all = true
          for (let j = 1; j < p.words.length && all; j++) all = words[i + j] === p.words[j]
          for (let k = 0; k < p.symbols.length && all; k++) all = rawText.includes(p.symbols[k]!)
          if (all) found.push(p.entry)
        }
      }
      for (const s of symbolsOnly) if (s.length > 0 && rawText.includes(s) && !found.includes(s)) found.push(s)
      return found
    },
  }
}
