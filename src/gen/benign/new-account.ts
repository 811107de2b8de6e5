import { HOME_COUNTRIES, citiesOf } from '../geography.ts'
import { major, percentOf } from '../money.ts'
import { LEGAL_FORMS } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson, surnameOf } from './people.ts'

const NEWCOMER_REGIONS = ['anglo', 'arabic', 'hispanic', 'southasian', 'albanian', 'westafrican', 'eastasian', 'turkish', 'german']

/**
 * A customer who has just opened an account (a newcomer, a student, someone who changed banks): two or three
 * relatives or friends send welcome money in the first days, and within a day or two most of it goes on a rent
 * deposit; then a first salary, card payments and a bill. New account, several payers, quick pass-on.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES)
  const code = home.code
  const currency = currencyOf(code)
  const me = newPerson(ctx, { country: code, region: rng.pick(NEWCOMER_REGIONS), city: rng.pick(home.cities), openedDaysAgo: rng.int(0, 10) })
  const slot = ctx.pop.byCountry.get(code)!
  const drafts: Draft[] = []
  let welcome = 0
  for (let i = 0, n = rng.int(2, 3); i < n; i++) {
    const abroad = rng.chance(0.4)
    const country = abroad ? rng.pick(['IN', 'PK', 'NG', 'AL', 'TR', 'MX', 'PL', 'VN']) : code
    const from = abroad || rng.chance(0.5) ? newPerson(ctx, { country, surname: surnameOf(me), city: rng.pick(citiesOf(country)) }) : distinctCustomers(ctx, 1, code)[0]!.party
    const amount = major(rng.logInt(100, 1500)) + rng.int(0, 99)
    welcome += amount
    drafts.push({ ts: ctx.at(rng.int(0, 2), 8, 22), amount, currency, channel: abroad ? rng.pick(['money_transfer', 'wire'] as const) : rng.pick(['ach', 'mobile_money'] as const), sender: from, receiver: me, reference: rng.pick(['welcome', 'for the flat', 'good luck', 'from mum', undefined]) })
  }
  const letting = ctx.party({ country: code, type: 'business', name: `${rng.pick(home.cities)} ${rng.pick(['Lettings', 'Student Homes', 'Property'])} ${LEGAL_FORMS[code]?.[0] ?? 'Ltd'}` })
  drafts.push({ ts: ctx.at(rng.int(2, 3), 9, 20), amount: percentOf(welcome, rng.int(80, 100)), currency, channel: 'ach', sender: me, receiver: letting, reference: 'deposit + first month' })
  const employers = ctx.pop.businesses.filter((b) => b.kind === 'employer' && b.country.code === code)
  if (employers.length > 0 && ctx.days > 14) {
    drafts.push({ ts: ctx.at(rng.int(12, ctx.days - 1), 1, 6), amount: major(rng.logInt(1200, 3500)) + rng.int(0, 99), currency, channel: 'ach', sender: rng.pick(employers).party, receiver: me, purpose: 'salary' })
  }
  for (let i = 0, n = rng.int(3, 10); i < n && slot.merchants.length > 0; i++) {
    const shop = rng.pick(slot.merchants)
    drafts.push({ ts: ctx.at(rng.int(1, ctx.days - 1), 8, 22), amount: major(rng.logInt(3, 180)) + rng.int(0, 99), currency, channel: 'card', sender: me, receiver: shop.party, location: { country: code, city: shop.city } })
  }
  return drafts
}

export const newAccount: BenignFamily = {
  name: 'new_account',
  summary: 'newly opened accounts with ordinary first weeks: welcome money from 2-3 relatives passed on as a rent deposit within days, a first salary, card payments: new-account mule, pass-through',
  share: 0.006,
  minDays: 5,
  maxDays: 40,
  start() {
    return episode
  },
}
