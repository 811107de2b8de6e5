import { numberToDecimalText } from './schema.ts'

/**
 * JSON.parse rounds a number to the nearest double before any check can see it: 9007199254740993 arrives as
 * ...992 and 0.10000000000000000001 as 0.1. A JSON number amount is therefore compared with its source text in
 * the line, and refused unless the two are the same decimal; an amount sent as text is never rounded.
 */

/** Why the amount JSON.parse gave from `text` is not exactly what the text says, or undefined when it is (or is not a number). */
export function inexactAmount(value: Record<string, unknown>, text: string): string | undefined {
  const amount = value.amount
  if (typeof amount !== 'number') return undefined
  const source = topLevelNumberSource(text, 'amount')
  if (source === undefined) return undefined
  if (Math.abs(amount) <= Number.MAX_SAFE_INTEGER && sameDecimal(source, numberToDecimalText(amount))) return undefined
  const shown = source.length > 40 ? `${source.slice(0, 40)}…` : source
  return `amount ${shown} cannot be read exactly as a JSON number (beyond 2^53, or more digits than a double holds); send it as text, e.g. "amount": "${shown}"`
}

/**
 * The source of the number JSON.parse keeps as member `key` of the top-level object in `text` (the last one, as
 * JSON.parse does), or undefined when that member is not a number. `text` must already have parsed as JSON.
 */
export function topLevelNumberSource(text: string, key: string): string | undefined {
  let depth = 0
  let expectKey = false
  let found: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i)
      if (depth === 1 && expectKey) {
        expectKey = false
        const name = JSON.parse(text.slice(i, end + 1)) as string
        let j = skipSpace(text, end + 1) + 1 // past the colon
        j = skipSpace(text, j)
        if (isNumberStart(text.charCodeAt(j))) {
          let k = j
          while (k < text.length && isNumberChar(text.charCodeAt(k))) k++
          if (name === key) found = text.slice(j, k)
          i = k - 1
          continue
        }
        if (name === key) found = undefined
        i = j - 1
        continue
      }
      i = end
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++
      if (depth === 1) expectKey = c === 0x7b
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--
    } else if (c === 0x2c /* , */ && depth === 1) {
      expectKey = true
    }
  }
  return found
}

/** the index of the quote that closes the string opening at `start` */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c /* \ */) i++
    else if (c === 0x22) return i
  }
  return text.length
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  return i
}

const isNumberStart = (c: number) => c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)
const isNumberChar = (c: number) => isNumberStart(c) || c === 0x2b /* + */ || c === 0x2e /* . */ || c === 0x65 || c === 0x45 /* e E */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/
// far past any amount the schema accepts; keeps the expansion of 1e999999 small
const MAX_EXPONENT = 400

/** Whether two decimal texts (JSON number syntax) are the same number. */
function sameDecimal(a: string, b: string): boolean {
  const x = canonical(a)
  return x !== undefined && x === canonical(b)
}

/** A decimal in plain positional form without redundant zeros, or undefined when it is not one or too far out. */
function canonical(text: string): string | undefined {
  const m = DECIMAL.exec(text)
  if (!m) return undefined
  const exponent = m[4] ? Number(m[4]) : 0
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined
  const digits = m[2]! + (m[3] ?? '')
  const point = m[2]!.length + exponent
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0')
  const fraction = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point)
  const int = whole.replace(/^0+(?=\d)/, '')
  const frac = fraction.replace(/0+$/, '')
  const body = frac ? `${int}.${frac}` : int
  return body === '0' ? '0' : m[1] + body
}
