import type { Minor } from '../money.ts'
import type { Currency } from '../types.ts'

/**
 * US dollars per unit, the mid rates of rules/default/ruleset.yaml: a shop that pays out in another currency than
 * it took converts at a rate like these, less its own spread (the rule pack compares amounts in US dollars).
 */
const USD_PER: Readonly<Record<Currency, number>> = { USD: 1, EUR: 1.08, GBP: 1.27, AUD: 0.66, CAD: 0.73, USDT: 1 }

/** `minor` of `from` in `to`, at the mid rate times `spreadPerMille`/1000 (the shop's margin), rounded down to the cent */
export function convertMinor(minor: Minor, from: Currency, to: Currency, spreadPerMille = 1000): Minor {
  return Math.floor((minor * USD_PER[from] * spreadPerMille) / USD_PER[to] / 1000)
}

/** the currency a payout to a country is made in: the euro inside the euro area, the pound in the UK, else dollars */
export function payoutCurrency(country: string): Currency {
  if (country === 'GB') return 'GBP'
  return ['DE', 'FR', 'IT', 'BE', 'NL', 'AT', 'GR', 'ES', 'HR', 'MT', 'CY', 'FI', 'LT', 'LV', 'SI'].includes(country) ? 'EUR' : 'USD'
}
