import { HOME_COUNTRIES } from '../geography.ts'
import type { Draft } from '../types.ts'
import type { Typology } from './context.ts'
import { WIRE_THRESHOLD, aggregatePart, nearBelow } from './structuring.ts'

const BENEFICIARY: Readonly<Record<string, readonly string[]>> = {
  US: ['MX', 'GT', 'HN', 'SV', 'US'],
  AU: ['ID', 'VN', 'IQ'],
  CA: ['IN', 'PH', 'PK', 'VN'],
}

/**
 * R03 spread over people and places: two or three payers send one beneficiary transfers just under the
 * threshold through agents in several cities within days (or, in Canada, parts that add up to CAD 10,000 or more
 * in one day). Each payer sends only one to three, so a count per sender stays below what structuring rules ask.
 */
export const structuringMultiPayer: Typology = {
  label: 'structuring_multi_payer',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const rule = rng.pick(WIRE_THRESHOLD.transfer!)
    const home = HOME_COUNTRIES.find((c) => c.code === rule.country)!
    const payers = Array.from({ length: rng.int(2, 3) }, () => ctx.customer(rule.country))
    const country = rng.pick(BENEFICIARY[rule.country] ?? ['MX'])
    const beneficiary = rule.country === country ? ctx.borderParty(country) : ctx.party({ country })
    const window = rule.country === 'CA' ? 0 : ctx.span(1, ctx.knob('structuringMultiPayer.maxDays', 5, 10))
    const low = ctx.knob('structuringMultiPayer.lowPercent', 72, 88) / 100
    const counts = payers.map(() => rng.int(1, 3))
    const total = counts.reduce((s, n) => s + n, 0)
    const drafts: Draft[] = []
    for (const [i, payer] of payers.entries()) {
      for (let k = 0; k < counts[i]!; k++) {
        // each transfer at an agent in a city of its own choosing, seldom the payer's
        const city = rng.chance(0.25) ? payer.city : rng.pick(home.cities)
        const amount = rule.country === 'CA' ? aggregatePart(ctx, rule.threshold, total) : nearBelow(ctx, rule.threshold, low)
        drafts.push({ ts: ctx.at(rng.int(0, window), 8, 20), amount, currency: rule.currency, channel: 'money_transfer', sender: payer.party, receiver: beneficiary, location: ctx.branch(rule.country, city) })
      }
    }
    return { drafts }
  },
}
