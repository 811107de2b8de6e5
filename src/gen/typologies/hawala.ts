import { ROUTES, borderCitiesOf } from '../geography.ts'
import { percentOf } from '../money.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type Typology } from './context.ts'

/**
 * R17 "guaranteed smuggling": relatives pay the fee to a money transfer shop or hawaladar, which holds it until
 * the migrant arrives (3 to 60 days) and then pays a third party, the smuggler, less its commission. The payee
 * is the same for several unrelated payers; the release sometimes carries an "OK" code.
 */
export const holdAndRelease: Typology = {
  label: 'hold_and_release',
  minDays: 5,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'GB', 'DE', 'NL', 'BE', 'IT'])
    const currency = currencyOf(home.code)
    const words = ['Express Transfer', 'Money Exchange', 'Travel & Transfer', 'Hawala Services', 'Mobile & Money']
    const town = rng.pick(home.cities)
    const msb = ctx.party({ country: home.code, city: town, type: 'msb', name: `${rng.pick(['Ranya', 'Kurdistan', 'Zagros', 'Al Noor', 'Crescent', 'Bridge'])} ${rng.pick(words)}`, openedDaysAgo: rng.int(200, 4000) })
    const payees = Array.from({ length: rng.chance(0.7) ? 1 : 2 }, () => ctx.borderParty(rng.pick(['TR', 'FR', 'LY', 'GR', 'RS', 'IQ'])))
    const payers = rng.int(3, 7)
    const drafts: Draft[] = []
    for (let i = 0; i < payers; i++) {
      const payer = ctx.customer(home.code).party
      const depositDay = rng.int(0, Math.min(5, ctx.days - 4))
      const fee = ctx.fee(1500, 10000, 0.7)
      drafts.push({ ts: ctx.at(depositDay, 9, 19), amount: fee, currency, channel: rng.chance(0.6) ? 'cash' : 'money_transfer', sender: payer, receiver: msb, location: ctx.branch(home.code, town, msb.institution) })
      const hold = Math.max(3, Math.min(ctx.days - 1 - depositDay, rng.int(3, 60)))
      drafts.push({ ts: ctx.at(depositDay + hold, 8, 22), amount: percentOf(fee, 100 - rng.int(1, 5)), currency, channel: rng.chance(0.7) ? 'money_transfer' : 'wire', sender: msb, receiver: rng.pick(payees), reference: rng.chance(0.3) ? rng.pick(['OK', 'ok', 'arrived', 'done']) : undefined })
    }
    return { drafts }
  },
}

/** R18: one payer pays successive beneficiaries in successive transit countries along a route, leg by leg. */
export const routeInstalments: Typology = {
  label: 'route_instalments',
  minDays: 6,
  plant(ctx) {
    const rng = ctx.rng
    const route = rng.pick(ROUTES)
    const american = route.includes('MX')
    const home = ctx.home(american ? ['US'] : ['GB', 'DE', 'GB', 'NL', 'BE'])
    const payer = ctx.customer(home.code).party
    const currency = american ? 'USD' : rng.pick([currencyOf(home.code), 'EUR', 'USD'] as const)
    const start = rng.int(0, Math.max(0, route.length - 3))
    const legs = route.slice(start, start + rng.int(2, Math.min(4, route.length - start)))
    const drafts: Draft[] = []
    let day = 0
    for (const [i, country] of legs.entries()) {
      const border = borderCitiesOf(country)
      const receiver = ctx.party({ country, city: border.length > 0 && rng.chance(0.6) ? rng.pick(border) : undefined })
      // the first leg is the large one (USD 3,500 in S16), later legs smaller (EUR 350) or another large one
      const amount = i === 0 ? ctx.fee(1500, 4500) : rng.chance(0.5) ? ctx.fee(300, 900) : ctx.fee(1000, 4000)
      drafts.push({ ts: ctx.at(day, 8, 22), amount, currency, channel: rng.weighted([['money_transfer', 3], ['wire', 1], ['mobile_money', 1]] as const), sender: payer, receiver })
      day += Math.max(1, Math.floor((ctx.days - 1) / legs.length) > 2 ? rng.int(2, Math.min(25, Math.floor((ctx.days - 1) / legs.length))) : 1)
    }
    return { drafts }
  },
}
