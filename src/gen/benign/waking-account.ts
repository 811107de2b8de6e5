import type { Party } from '../../core/record/schema.ts'
import { HOME_COUNTRIES, citiesOf } from '../geography.ts'
import { major, percentOf, splitExact } from '../money.ts'
import { LEGAL_FORMS, regionOf } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { newPerson, surnameOf } from './people.ts'

const SEASONAL_HOMES = ['PL', 'BG', 'AL', 'IN', 'PH', 'MX']
const STUDENT_HOMES = ['IN', 'CN', 'NG', 'PK', 'VN', 'TR']

/**
 * An account opened years ago that has been quiet for months wakes: a seasonal worker paid at the end of the
 * season who sends most of it home, a student whose parents send a term's money that goes to the university
 * within days, someone back from a long trip who sells a car and pays a deposit. A large credit and most of it
 * out again, on an account nobody saw for months.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES)
  const code = home.code
  const currency = currencyOf(code)
  const kind = rng.weighted([['seasonal', 4], ['student', 4], ['back', 2]] as const)
  const origin = kind === 'seasonal' ? rng.pick(SEASONAL_HOMES) : kind === 'student' ? rng.pick(STUDENT_HOMES) : code
  const me = newPerson(ctx, { country: code, region: regionOf(origin), city: rng.pick(home.cities), openedDaysAgo: rng.int(400, 5500) })
  const surname = surnameOf(me)
  const drafts: Draft[] = []
  const day0 = rng.int(0, Math.max(0, ctx.days - 8))
  let credited = 0
  const credit = (from: Party, amount: number, reference: string | undefined, day: number) => {
    credited += amount
    drafts.push({ ts: ctx.at(day, 8, 18), amount, currency, channel: 'wire', sender: from, receiver: me, reference })
  }
  if (kind === 'seasonal') {
    const farm = ctx.party({ country: code, type: 'business', name: `${rng.pick(['Valley', 'Green Acre', 'Sunrise', 'Hillside'])} ${rng.pick(['Farms', 'Growers', 'Hotel', 'Orchards'])} ${LEGAL_FORMS[code]?.[0] ?? 'Ltd'}` })
    for (const amount of splitExact(major(rng.int(6000, 25_000)), [rng.int(3, 6), rng.int(1, 3)])) credit(farm, amount, 'end of season pay', day0 + rng.int(0, 2))
    const family = newPerson(ctx, { country: origin, surname, city: rng.pick(citiesOf(origin)) })
    drafts.push({ ts: ctx.at(day0 + rng.int(2, 7), 9, 20), amount: percentOf(credited, rng.int(40, 80)), currency, channel: rng.chance(0.6) ? 'money_transfer' : 'wire', sender: me, receiver: family, reference: rng.pick(['for home', 'family', 'house', undefined]) })
    drafts.push({ ts: ctx.at(day0 + rng.int(2, 7), 9, 20), amount: percentOf(credited, rng.int(5, 15)), currency, channel: 'cash', sender: me, receiver: me, purpose: 'cash withdrawal', location: ctx.branch(code, me.city!, me.institution) })
  } else if (kind === 'student') {
    const parent = newPerson(ctx, { country: origin, surname, city: rng.pick(citiesOf(origin)) })
    for (let i = 0, n = rng.int(1, 2); i < n; i++) credit(parent, major(rng.int(2500, 15_000)), rng.pick(['tuition', 'fees', 'term 2', 'living costs', undefined]), day0 + i)
    const university = ctx.party({ country: code, type: 'business', name: `University of ${rng.pick(home.cities)}` })
    drafts.push({ ts: ctx.at(day0 + rng.int(1, 7), 9, 17), amount: percentOf(credited, rng.int(60, 90)), currency, channel: 'wire', sender: me, receiver: university, reference: `student ${rng.int(100000, 999999)} fees` })
  } else {
    const buyer = newPerson(ctx, { country: code })
    credit(buyer, major(rng.int(10_000, 40_000)), rng.pick(['car', 'VW Golf', 'van sale', undefined]), day0)
    const landlord = ctx.party({ country: code, type: 'business', name: `${rng.pick(home.cities)} ${rng.pick(['Lettings', 'Homes', 'Motors'])} ${LEGAL_FORMS[code]?.[0] ?? 'Ltd'}` })
    drafts.push({ ts: ctx.at(day0 + rng.int(1, 6), 9, 18), amount: percentOf(credited, rng.int(70, 95)), currency, channel: 'wire', sender: me, receiver: landlord, reference: rng.pick(['deposit + rent', 'purchase', 'deposit']) })
  }
  return drafts
}

export const wakingAccount: BenignFamily = {
  name: 'waking_account',
  summary: 'seasonal workers, students and people back from long trips whose accounts wake after months with a large credit, most of it paid on within days: dormant reactivation, mule',
  share: 0.003,
  minDays: 8,
  maxDays: 20,
  start() {
    return episode
  },
}
