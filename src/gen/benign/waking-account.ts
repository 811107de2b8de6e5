import type { Party } from '../../core/record/schema.ts'
import { HOME_COUNTRIES, citiesOf } from '../geography.ts'
import { major, percentOf, splitExact } from '../money.ts'
import { LEGAL_FORMS, familyNames, regionOf } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { newPerson, surnameOf } from './people.ts'

const SEASONAL_HOMES = ['PL', 'BG', 'AL', 'IN', 'PH', 'MX']
const STUDENT_HOMES = ['IN', 'CN', 'NG', 'PK', 'VN', 'TR']
/** where a long trip went, and where a pensioner's children may live */
const TRIP_COUNTRIES = ['TR', 'PH', 'ID', 'MX', 'VN', 'GR', 'AU', 'US', 'ES']
const CHILDREN_ABROAD = ['ES', 'AU', 'CA', 'US', 'GB', 'DE', 'FR', 'NL']

/** a surname of the region that is not the given one: a partner, a married daughter, a friend */
function otherSurname(ctx: PlantContext, region: string, not: string): string {
  for (let i = 0; i < 8; i++) {
    const s = ctx.rng.pick(familyNames(region))
    if (s !== not) return s
  }
  return `${not}-${ctx.rng.pick(['Lee', 'Novak', 'Silva', 'Ahmed'])}`
}

/**
 * An account opened years ago that has been quiet for months wakes with a large credit, most of which goes out
 * again within days, often to people who do not share the holder's surname and some of them abroad:
 * - a seasonal worker paid at the end of the season (one or two employers) sends most of it home, to a relative
 *   or to a partner under another surname, sometimes a second sum to someone else at home (a recruitment loan,
 *   the house), and takes some in cash: third parties abroad, but one home country;
 * - a student whose parents, or an education agent in the home country (an unrelated company abroad), send a
 *   term's money: the university gets most of it, a private landlord and a flatmate the rest;
 * - someone back from a long trip sells a car (a private buyer, or an insurer pays out), buys another from a
 *   private seller and pays back the friend abroad who lent money during the trip;
 * - a pensioner paid a lump sum (pension fund, insurer) gives most of it to two or three children and
 *   grandchildren, married daughters under their husbands' names, one of them abroad now and then, and pays a
 *   builder.
 * What none of them does: spread nearly all of it over third parties in several countries.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES)
  const code = home.code
  const currency = currencyOf(code)
  const kind = rng.weighted([['seasonal', 3], ['student', 3], ['back', 2], ['pensioner', 2]] as const)
  const origin = kind === 'seasonal' ? rng.pick(SEASONAL_HOMES) : kind === 'student' ? rng.pick(STUDENT_HOMES) : code
  const me = newPerson(ctx, { country: code, region: regionOf(origin), city: rng.pick(home.cities), openedDaysAgo: kind === 'pensioner' ? rng.int(3600, 9000) : rng.int(400, 5500) })
  const surname = surnameOf(me)
  const drafts: Draft[] = []
  const day0 = rng.int(0, Math.max(0, ctx.days - 8))
  let credited = 0
  const credit = (from: Party, amount: number, reference: string | undefined, day: number) => {
    credited += amount
    drafts.push({ ts: ctx.at(day, 8, 18), amount, currency, channel: 'wire', sender: from, receiver: me, reference })
  }
  const pay = (to: Party, percent: number, fromDay: number, toDay: number, reference?: string, channel: Draft['channel'] = 'wire') => {
    drafts.push({ ts: ctx.at(day0 + rng.int(fromDay, toDay), 9, 20), amount: percentOf(credited, percent), currency, channel, sender: me, receiver: to, reference })
  }
  const business = (words: readonly string[], kinds: readonly string[], country = code) =>
    ctx.party({ country, type: 'business', name: `${rng.pick(words)} ${rng.pick(kinds)} ${LEGAL_FORMS[country]?.[0] ?? 'Ltd'}` })
  if (kind === 'seasonal') {
    const employers = [business(['Valley', 'Green Acre', 'Sunrise', 'Hillside'], ['Farms', 'Growers', 'Hotel', 'Orchards'])]
    if (rng.chance(0.3)) employers.push(business(['Harbour', 'Alpine', 'Lakeside', 'Coastal'], ['Hotel', 'Resort', 'Packhouse', 'Vineyards']))
    for (const employer of employers) {
      for (const amount of splitExact(major(Math.round(rng.int(6000, 25_000) / employers.length)), [rng.int(3, 6), rng.int(1, 3)])) credit(employer, amount, rng.pick(['end of season pay', 'wages', 'final pay + holiday']), day0 + rng.int(0, 2))
    }
    const city = rng.pick(citiesOf(origin))
    const region = regionOf(origin)
    const family = newPerson(ctx, { country: origin, surname: rng.chance(0.5) ? surname : otherSurname(ctx, region, surname), city })
    const sent = rng.int(40, 75)
    pay(family, sent, 2, 7, rng.pick(['for home', 'family', 'house', undefined]), rng.chance(0.6) ? 'money_transfer' : 'wire')
    if (rng.chance(0.35)) pay(newPerson(ctx, { country: origin, surname: otherSurname(ctx, region, surname), city }), rng.int(5, Math.min(20, 95 - sent)), 2, 8, rng.pick(['loan back', 'for the roof', 'agency', undefined]))
    drafts.push({ ts: ctx.at(day0 + rng.int(2, 7), 9, 20), amount: percentOf(credited, rng.int(5, 15)), currency, channel: 'cash', sender: me, receiver: me, purpose: 'cash withdrawal', location: ctx.branch(code, me.city!, me.institution) })
  } else if (kind === 'student') {
    const agent = rng.chance(0.4)
    const payer = agent ? business(['Bright Future', 'Global Study', 'Silk Road', 'Horizon'], ['Education Consulting', 'Study Abroad', 'Overseas Services', 'Exchange'], origin) : newPerson(ctx, { country: origin, surname, city: rng.pick(citiesOf(origin)) })
    for (let i = 0, n = rng.int(1, 2); i < n; i++) credit(payer, major(rng.int(2500, 15_000)), rng.pick(['tuition', 'fees', 'term 2', 'living costs', undefined]), day0 + i)
    const university = ctx.party({ country: code, type: 'business', name: `University of ${rng.pick(home.cities)}` })
    pay(university, rng.int(55, 85), 1, 7, `student ${rng.int(100000, 999999)} fees`)
    pay(newPerson(ctx, { country: code }), rng.int(8, 25), 1, 6, rng.pick(['rent', 'deposit + rent', 'room Oct-Dec']), 'ach')
    if (rng.chance(0.3)) pay(newPerson(ctx, { country: code }), rng.int(2, 6), 2, 7, rng.pick(['bills share', 'flat stuff', undefined]), 'mobile_money')
  } else if (kind === 'back') {
    const insurer = rng.chance(0.3)
    const payer = insurer ? business(['Albion', 'Crown', 'Meridian', 'Union'], ['Insurance', 'Assurance', 'Mutual']) : newPerson(ctx, { country: code })
    credit(payer, major(rng.int(10_000, 40_000)), insurer ? rng.pick(['claim settlement', 'policy 88213 payout']) : rng.pick(['car', 'VW Golf', 'van sale', undefined]), day0)
    if (rng.chance(0.5)) {
      const landlord = business(home.cities, ['Lettings', 'Homes', 'Motors'])
      pay(landlord, rng.int(50, 80), 1, 6, rng.pick(['deposit + rent', 'purchase', 'deposit']))
    } else {
      pay(newPerson(ctx, { country: code }), rng.int(50, 75), 1, 6, rng.pick(['car', 'Toyota Yaris', 'camper van', undefined]))
    }
    const abroad = rng.pick(TRIP_COUNTRIES.filter((c) => c !== code))
    if (rng.chance(0.6)) pay(newPerson(ctx, { country: abroad }), rng.int(8, 25), 1, 6, rng.pick(['thanks for the loan', 'money back', 'hostel + bike', undefined]))
  } else {
    const fund = business(['National', 'Civil Service', 'Teachers', 'Miners'], ['Pension Fund', 'Pensions', 'Life Assurance'])
    credit(fund, major(rng.int(10_000, 60_000)), rng.pick(['lump sum', 'pension commencement', 'policy maturity']), day0)
    const region = regionOf(code)
    for (let i = 0, n = rng.int(2, 3); i < n; i++) {
      const country = rng.chance(0.25) ? rng.pick(CHILDREN_ABROAD.filter((c) => c !== code)) : code
      const child = newPerson(ctx, { country, region, surname: rng.chance(0.5) ? surname : otherSurname(ctx, region, surname) })
      pay(child, rng.int(12, 28), 1, 8, rng.pick(['a gift from mum', 'for the kids', 'house deposit help', undefined]))
    }
    if (rng.chance(0.4)) pay(newPerson(ctx, { country: code }), rng.int(5, 15), 2, 8, rng.pick(['kitchen', 'roof repairs', 'invoice 112', undefined]))
  }
  return drafts
}

export const wakingAccount: BenignFamily = {
  name: 'waking_account',
  summary: 'seasonal workers, students, people back from long trips and pensioners whose accounts wake after months with a large credit, most of it paid on within days, often to people of other surnames and some abroad: dormant reactivation, mule',
  share: 0.003,
  minDays: 8,
  maxDays: 20,
  start() {
    return episode
  },
}
