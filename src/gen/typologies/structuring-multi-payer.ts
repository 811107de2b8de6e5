import { HOME_COUNTRIES } from '../geography.ts'
import type { Draft } from '../types.ts'
import type { Person } from '../population.ts'
import type { Typology } from './context.ts'
import { WIRE_THRESHOLD, aggregatePart, nearBelow } from './structuring.ts'

const BENEFICIARY: Readonly<Record<string, readonly string[]>> = {
  US: ['MX', 'GT', 'HN', 'SV', 'US'],
  AU: ['ID', 'VN', 'IQ'],
  CA: ['IN', 'PH', 'PK', 'VN'],
  GB: ['IQ', 'AL', 'PK', 'TR'],
  DE: ['TR', 'IQ', 'SY', 'GR'],
  FR: ['TN', 'MA', 'LY', 'IT'],
  IT: ['TN', 'LY', 'BD'],
}

/**
 * The thresholds a payer keeps under: R03's (USD 3,000 wires, AUD 10,000 IFTIs, the CAD 10,000 aggregate) and,
 * since issue 17 (hrr30), the European ones a remitter asks identity for above: EUR 1,000 for a transfer of funds
 * (EU Regulation 2015/847 and AMLD art. 11(b)(ii), an occasional transaction), which UK remitters apply as GBP 1,000.
 */
const THRESHOLDS = [
  ...WIRE_THRESHOLD.transfer!,
  { country: 'GB', currency: 'GBP', threshold: 1000 },
  { country: 'DE', currency: 'EUR', threshold: 1000 },
  { country: 'FR', currency: 'EUR', threshold: 1000 },
  { country: 'IT', currency: 'EUR', threshold: 1000 },
] as const

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
    const rule = rng.pick(THRESHOLDS)
    const home = HOME_COUNTRIES.find((c) => c.code === rule.country)!
    // payers in different cities where the population has them: a ring spread over a country, not one street
    const payers: Person[] = []
    for (let n = rng.int(2, 3), tries = 0; payers.length < n; tries++) {
      const p = ctx.customer(rule.country)
      if (tries >= 12 || payers.every((q) => q.city !== p.city && q.party.id !== p.party.id)) payers.push(p)
    }
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
