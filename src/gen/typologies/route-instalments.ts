import type { Party } from '../../core/record/schema.ts'
import { ROUTES, ROUTE_CITIES, type Route } from '../data/routes.ts'
import { DIAL_PREFIX, borderCitiesOf } from '../geography.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type PlantContext, type Typology } from './context.ts'

const EUROPEAN_HOMES = ['GB', 'GB', 'DE', 'NL', 'BE', 'FR', 'IT']

/** the consecutive stretches of k countries after the route's origin that leave out the payer's own country */
function stretches(route: Route, k: number, payerCountry: string): string[][] {
  const out: string[][] = []
  for (let start = 1; start + k <= route.countries.length; start++) {
    const legs = route.countries.slice(start, start + k)
    if (!legs.includes(payerCountry)) out.push(legs)
  }
  return out
}

/**
 * R18: one payer pays successive beneficiaries in consecutive countries of a known route (src/gen/data/routes.ts),
 * leg by leg as the traveller moves on, days to weeks apart; the first leg is the large one (USD 3,500, then
 * EUR 350 in S16). The payer is a relative in the diaspora or, now and then, in the origin country.
 */
export const routeInstalments: Typology = {
  label: 'route_instalments',
  minDays: 4,
  plant(ctx) {
    const rng = ctx.rng
    const route = rng.pick(ROUTES)
    const american = route.countries.includes('US')
    const diaspora = ctx.customer(american ? 'US' : rng.pick(EUROPEAN_HOMES)).party
    // in the origin now and then, and whenever the diaspora payer lives on every stretch of the route
    const inOrigin = rng.chance(0.25) || stretches(route, 2, diaspora.country!).length === 0
    const origin = route.countries[0]!
    const payer: Party = inOrigin ? ctx.party({ country: origin, openedDaysAgo: rng.int(200, 4000), ...placeIn(ctx, origin) }) : diaspora
    const currency = inOrigin ? 'USD' : currencyOf(payer.country!)
    let legs: string[] = []
    for (let k = Math.min(rng.int(2, 4), ctx.days); k >= 2 && legs.length === 0; k--) {
      const options = stretches(route, k, payer.country!)
      if (options.length > 0) legs = rng.pick(options)
    }
    // now and then the payees' country is only in their account and bank codes, not in a country field (a payout
    // agent's record, a pacs.008 without a postal address; issue 17, hrr30)
    const countryless = rng.chance(0.2)
    const drafts: Draft[] = []
    let day = 0
    let first = 0
    for (const [i, country] of legs.entries()) {
      const border = borderCitiesOf(country)
      const party = ctx.party({ country, ...placeIn(ctx, country), ...(border.length > 0 && rng.chance(0.6) && { city: rng.pick(border) }) })
      const receiver: Party = countryless ? withoutCountry(party) : party
      // a later leg costs at most 80 % of the first, whatever --amount-scale: `fee` scales its bounds, so the cap, read
      // from the first leg (already scaled), is divided by the scale first (it used to be scaled twice: at a scale of 3
      // later legs cost up to 2.4 times the first; session robust29). At a scale of 1 the draws are as before.
      const amount = i === 0 ? ctx.fee(2000, 7500) : ctx.fee(300, Math.max(400, Math.floor((first * 0.8) / 100 / ctx.stress.amountScale)))
      if (i === 0) first = amount
      drafts.push({ ts: ctx.at(day, 8, 22), amount, currency, channel: rng.weighted([['money_transfer', 4], ['wire', 1], ['mobile_money', 2]] as const), sender: payer, receiver })
      // the next leg is paid when the traveller gets there: days to weeks, squeezed only by the end of the span
      const legsLeft = legs.length - 1 - i
      day = Math.min(ctx.days - legsLeft, day + ctx.gap(ctx.knob('routeInstalments.minGapDays', 1, 4), 21))
    }
    return { drafts }
  },
}

/** a city and no phone for a route country the rest of the generator does not know (no cities, no dialling code) */
function placeIn(ctx: PlantContext, country: string): { city?: string; phone?: false } {
  const cities = ROUTE_CITIES[country]
  return cities && DIAL_PREFIX[country] === undefined ? { city: ctx.rng.pick(cities), phone: false } : {}
}

/** the party as a record that names its country only in the account (IBAN-shaped) and the bank code (BIC-shaped) */
function withoutCountry(party: Party): Party {
  const { country: _country, nationality: _nationality, ...rest } = party
  return rest
}
