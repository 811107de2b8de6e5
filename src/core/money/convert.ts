import { Decimal } from 'decimal.js'

/** Base-currency amounts are held as integer minor units (cents): exact sums without floats. */
export const MINOR_PER_MAJOR = 100

/**
 * Converts decimal amount text in any configured currency to base-currency minor units,
 * rounding half-even once at the end. Returns undefined for a currency without a rate.
 */
export type ToBaseMinor = (amount: string, currency: string) => number | undefined

export function baseConverter(baseCurrency: string, rates: Record<string, string | number>): ToBaseMinor {
  const factors = new Map<string, Decimal>()
  for (const [currency, rate] of Object.entries(rates)) factors.set(currency, new Decimal(rate).times(MINOR_PER_MAJOR))
  factors.set(baseCurrency, new Decimal(MINOR_PER_MAJOR))
  return (amount, currency) => {
    if (currency === baseCurrency) {
      const fast = wholeCents(amount)
      if (fast !== undefined) return fast
    }
    const factor = factors.get(currency)
    if (factor === undefined) return undefined
    return new Decimal(amount).times(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber()
  }
}

// the common case, "1234.5" in the base currency: integer arithmetic only, no Decimal allocation
function wholeCents(amount: string): number | undefined {
  const dot = amount.indexOf('.')
  if (dot < 0) return amount.length <= 13 ? Number(amount) * MINOR_PER_MAJOR : undefined
  const fraction = amount.length - dot - 1
  if (fraction > 2 || dot > 13) return undefined
  const cents = amount.slice(dot + 1).padEnd(2, '0')
  return Number(amount.slice(0, dot)) * MINOR_PER_MAJOR + Number(cents)
}

/** Minor units back to decimal text for reasons and reports. */
export function formatMinor(minor: number, currency: string): string {
  const negative = minor < 0
  const abs = Math.abs(Math.round(minor))
  const major = Math.floor(abs / MINOR_PER_MAJOR)
  const cents = String(abs % MINOR_PER_MAJOR).padStart(2, '0')
  return `${negative ? '-' : ''}${currency} ${major.toLocaleString('en-US')}.${cents}`
}
