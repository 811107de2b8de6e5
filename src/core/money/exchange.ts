import { Decimal } from 'decimal.js'

// enough digits that a rate quotient never rounds before the final rounding to the report's places
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN })

/** Rates as a rule set gives them: units of the base currency per unit of each other currency. */
export interface Rates {
  baseCurrency: string
  rates: Readonly<Record<string, string>>
}

function rateOf(money: Rates, currency: string): Decimal | undefined {
  if (currency === money.baseCurrency) return new Exact(1)
  const rate = money.rates[currency]
  return rate === undefined ? undefined : new Exact(rate)
}

/** units of `to` per unit of `from`, through the base currency; undefined when either has no rate */
export function exchangeRate(money: Rates, from: string, to: string): Decimal | undefined {
  const a = rateOf(money, from)
  const b = rateOf(money, to)
  return a && b ? a.dividedBy(b) : undefined
}

/** decimal amount text in `from` as decimal text in `to`, rounded half-even to `places`; undefined without rates */
export function convertAmount(money: Rates, amount: string, from: string, to: string, places = 2): string | undefined {
  const rate = exchangeRate(money, from, to)
  return rate && new Exact(amount).times(rate).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places)
}
