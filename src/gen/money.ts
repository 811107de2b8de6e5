/** Amounts are integer minor units (cents) throughout the generator; text only at the edge, never a float sum. */

export type Minor = number

/** every currency the generator writes has two decimals (USDT is quoted to the cent as exchanges display it) */
export function minorToText(minor: Minor): string {
  if (!Number.isSafeInteger(minor) || minor <= 0) throw new Error(`amount must be a positive integer of minor units, got ${minor}`)
  const whole = Math.floor(minor / 100)
  const cents = minor % 100
  return `${whole}.${String(cents).padStart(2, '0')}`
}

export const major = (units: number): Minor => units * 100

/** the share (in per cent, integer) of an amount, rounded down to the cent: what passes on after a commission */
export function percentOf(minor: Minor, percent: number): Minor {
  return Math.floor((minor * percent) / 100)
}

/** split a total into n positive parts that add up exactly (the last part takes the remainder) */
export function splitExact(total: Minor, weights: number[]): Minor[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  const parts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)))
  const rest = total - parts.slice(0, -1).reduce((s, p) => s + p, 0)
  parts[parts.length - 1] = Math.max(1, rest)
  return parts
}
