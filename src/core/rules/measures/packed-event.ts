import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import { textNumber } from '../../state/text-number.ts'

/**
 * A window row holds one double per measure. Measures that pair events (an amount with who paid it, or with
 * the country it went to) pack both into that double: the amount in whole base-currency units (at most
 * MAX_UNITS) times TAG_SPAN, plus a tag below TAG_SPAN. 31 + 22 bits: exact within a double's 53.
 */
const TAG_SPAN = 2 ** 22
const MAX_UNITS = 2 ** 31 - 1

/** the packed value, or undefined for an amount too large to pack (such a transfer is not paired) */
export function packEvent(amountMinor: number, tag: number): number | undefined {
  const units = Math.round(amountMinor / MINOR_PER_MAJOR)
  if (!(units >= 0 && units <= MAX_UNITS)) return undefined
  return units * TAG_SPAN + (tag % TAG_SPAN)
}

/** the whole units of a packed value */
export function packedUnits(packed: number): number {
  return Math.floor(packed / TAG_SPAN)
}

/** the tag of a packed value */
export function packedTag(packed: number): number {
  return packed % TAG_SPAN
}

/** a 22-bit tag of a text (an id): two different ids share one about once in four million pairs */
export function textTag(text: string): number {
  return textNumber(text) % TAG_SPAN
}

/** a tag for an ISO alpha-2 country code (upper-case A-Z), -1 for anything else */
export function countryTag(code: string | undefined): number {
  if (code === undefined || code.length !== 2) return -1
  const a = code.charCodeAt(0) - 65
  const b = code.charCodeAt(1) - 65
  return a >= 0 && a < 26 && b >= 0 && b < 26 ? a * 26 + b : -1
}
