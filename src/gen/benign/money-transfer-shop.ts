import type { Party } from '../../core/record/schema.ts'
import { HOME_COUNTRIES, citiesOf } from '../geography.ts'
import { major, percentOf } from '../money.ts'
import { branchCode, isoDate } from '../parties.ts'
import type { Person } from '../population.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import { DAY_MS, HOUR_MS, type Draft } from '../types.ts'
import type { BenignFamily, FamilySetup } from './family.ts'
import { cityIn, diaspora, newPerson } from './people.ts'

interface Shop {
  party: Party
  country: string
  city: string
  branch: string
  /** the licensed remitter whose agent the shop is; it settles with it in round sums */
  principal: Party
}

const BENEFICIARY_COUNTRIES = ['TR', 'IQ', 'PK', 'BD', 'MX', 'GT', 'NG', 'VN', 'AL', 'MA', 'TN', 'SY', 'AF', 'IN', 'PH']

function castOf({ rng, pop }: FamilySetup): Shop[] {
  const shops: Shop[] = []
  for (const c of HOME_COUNTRIES) {
    const principal = pop.factory.make({ name: `${rng.pick(['Global', 'World', 'Union', 'Prime'])} ${rng.pick(['Remit', 'Money Transfer', 'Payments'])} ${c.code === 'US' ? 'Inc' : 'Ltd'}`, type: 'msb', country: c.code, city: c.cities[0]!, accountOpened: isoDate(pop.startMs - rng.int(2000, 9000) * DAY_MS) })
    for (const b of pop.byCountry.get(c.code)?.msbs ?? []) shops.push({ party: b.party, country: c.code, city: b.city, branch: b.branch, principal })
    const city = rng.pick(c.cities)
    const party = pop.factory.make({ name: `${city} ${rng.pick(['Money Transfer', 'Exchange & Transfer', 'Express Remit'])} ${c.code === 'US' ? 'LLC' : 'Ltd'}`, type: 'msb', country: c.code, city, accountOpened: isoDate(pop.startMs - rng.int(700, 6000) * DAY_MS) })
    shops.push({ party, country: c.code, city, branch: branchCode(party.institution ?? 'BANK', city, rng.int(1, 12)), principal })
  }
  return shops
}

/** the relative the customer always pays, or someone abroad; one in five in a border or transit-zone city */
function beneficiaryOf(ctx: PlantContext, customer: Person): Party {
  if (customer.remit && ctx.rng.chance(0.5)) return customer.remit.relative
  const country = ctx.rng.pick(BENEFICIARY_COUNTRIES)
  return newPerson(ctx, { country, city: cityIn(ctx, country, 0.2, citiesOf(country)) })
}

/** how a customer names the beneficiary on the form */
function namingReference(ctx: PlantContext, beneficiary: Party): string | undefined {
  const name = beneficiary.name ?? ''
  return ctx.rng.weighted([[name, 3], [`for ${name}`, 2], [`${name} ${beneficiary.city ?? ''}`.trim(), 1], [undefined, 1]] as const)
}

/**
 * A licensed money-transfer shop over a few weeks: customers pay in (cash at the counter mostly) naming a
 * beneficiary abroad; the shop pays that same beneficiary, less its fee, mostly within a day or two and sometimes
 * 2-20 days later when the beneficiary collects late; every few days it settles with its principal in a round sum.
 */
function episode(ctx: PlantContext, shops: readonly Shop[], remitters: readonly Person[]): Draft[] {
  const rng = ctx.rng
  const shop = rng.pick(shops)
  const currency = currencyOf(shop.country)
  const locals = remitters.filter((p) => p.country.code === shop.country)
  const window = ctx.span(3, 20)
  const drafts: Draft[] = []
  const payouts: Draft[] = []
  for (let i = 0, n = rng.int(4, 20); i < n; i++) {
    const customer = locals.length > 0 && rng.chance(0.6) ? rng.pick(locals) : ctx.customer(shop.country)
    const to = beneficiaryOf(ctx, customer)
    const amount = rng.chance(0.15) ? major(rng.int(3000, 8000)) : major(rng.logInt(100, 3000)) + rng.int(0, 99)
    const channel = rng.weighted([['cash', 6], ['money_transfer', 2], ['card', 1], ['ach', 1]] as const)
    const reference = namingReference(ctx, to)
    const paidIn = ctx.at(rng.int(0, window), 9, 19)
    drafts.push({ ts: paidIn, amount, currency, channel, sender: customer.party, receiver: shop.party, reference, location: channel === 'cash' || channel === 'money_transfer' ? { country: shop.country, city: shop.city, branch: shop.branch } : undefined })
    const late = rng.chance(0.25)
    const ts = late ? ctx.after(paidIn, 2 * 24 * HOUR_MS, 20 * 24 * HOUR_MS) : ctx.after(paidIn, 20 * 60_000, 44 * HOUR_MS)
    // the fee is taken from the sum, or charged on top so the whole sum goes
    const paid = rng.chance(0.3) ? amount : percentOf(amount, 100 - rng.int(1, 4))
    payouts.push({ ts, amount: paid, currency, channel: rng.chance(0.8) ? 'money_transfer' : 'wire', sender: shop.party, receiver: to, reference: rng.chance(0.5) ? reference : `MTCN ${rng.int(10_000_000, 99_999_999)}` })
  }
  drafts.push(...payouts)
  // settlements: the float paid out since the last one, rounded down to a round sum
  payouts.sort((a, b) => a.ts - b.ts)
  let owed = 0
  let next = rng.int(2, 6)
  for (const p of payouts) {
    owed += p.amount
    if (ctx.offsetOf(p.ts) >= next && owed >= major(2000)) {
      const round = Math.floor(owed / major(1000)) * major(1000)
      drafts.push({ ts: ctx.at(Math.min(ctx.days - 1, ctx.offsetOf(p.ts) + 1), 10, 16), amount: round, currency, channel: 'wire', sender: shop.party, receiver: shop.principal, reference: rng.pick(['settlement', 'float', 'agent settlement', undefined]) })
      owed -= round
      next = ctx.offsetOf(p.ts) + rng.int(3, 7)
    }
  }
  return drafts
}

export const moneyTransferShop: BenignFamily = {
  name: 'licensed_mto',
  summary: 'licensed money-transfer shops: customers pay in naming a beneficiary abroad, the shop pays that same beneficiary mostly within 1-2 days, sometimes 2-20 days later, and settles with its principal in round sums: hold and release, amount-matched release, unregistered remitter, cash-in-wire-out',
  share: 0.015,
  minDays: 3,
  maxDays: 45,
  start(setup) {
    const shops = castOf(setup)
    const remitters = diaspora(setup.pop)
    return (ctx) => episode(ctx, shops, remitters)
  },
}
