import { Decimal } from 'decimal.js'

/** Base-currency amounts are held as integer minor units (cents): exact sums without floats. */
export const MINOR_PER_MAJOR = 100

/**
 * Converts decimal amount text in any configured currency to base-currency minor units,
 * rounding half-even once at the end. Returns undefined for a currency without a rate.
 */
export type ToBaseMinor = (amount: string, currency: string) => number | undefined

const RATE_SCALE = 100_000_000

export function baseConverter(baseCurrency: string, rates: Record<string, string | number>): ToBaseMinor {
  const factors = new Map<string, { exact: Decimal; scaled: number | undefined }>()
  const add = (currency: string, rate: Decimal) => {
    const scaled = rate.times(RATE_SCALE)
    // a rate with at most 8 decimals is an integer at this scale, which keeps the fast path exact
    factors.set(currency, { exact: rate.times(MINOR_PER_MAJOR), scaled: scaled.isInteger() ? scaled.toNumber() : undefined })
  }
  for (const [currency, rate] of Object.entries(rates)) add(currency, new Decimal(rate))
  add(baseCurrency, new Decimal(1))
  return (amount, currency) => {
    const factor = factors.get(currency)
    if (factor === undefined) return undefined
    const cents = wholeCents(amount)
    if (cents !== undefined && factor.scaled !== undefined) {
      if (factor.scaled === RATE_SCALE) return cents
      const fast = scaleHalfEven(cents, factor.scaled)
      if (fast !== undefined) return fast
    }
    return new Decimal(amount).times(factor.exact).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber()
  }
}

// cents × rate / 1e8 rounded half-even, in integers while the product stays below 2^53
function scaleHalfEven(cents: number, scaledRate: number): number | undefined {
  const product = cents * scaledRate
  if (product > Number.MAX_SAFE_INTEGER) return undefined
  const q = Math.floor(product / RATE_SCALE)
  const r = product - q * RATE_SCALE
  const twice = r * 2
  if (twice > RATE_SCALE || (twice === RATE_SCALE && q % 2 === 1)) return q + 1
  return q
}

// the common case, "1234.5": integer cents without a Decimal allocation
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
  return `${negative ? '-' : ''}${currency} ${groupThousands(String(major))}.${cents}`
}

/** "1234567" to "1,234,567", as `toLocaleString('en-US')` writes it, without a locale look-up per reason */
function groupThousands(digits: string): string {
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1)
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return out
}
