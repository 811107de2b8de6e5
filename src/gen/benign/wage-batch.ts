import type { Party } from '../../core/record/schema.ts'
import { HOME_COUNTRIES, citiesOf } from '../geography.ts'
import { LEGAL_FORMS, familyNames } from '../names.ts'
import { major } from '../money.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

const TRADES = ['Construction', 'Farms', 'Cleaning Services', 'Harvest Contractors', 'Builders', 'Catering', 'Warehousing']
/** where seasonal and posted workers keep their accounts */
const ABROAD = ['PL', 'BG', 'IN', 'PH', 'MX', 'AL', 'TR']
const REGIONS = ['anglo', 'hispanic', 'southasian', 'albanian', 'german', 'eastasian', 'arabic']

/** a worker: a local customer, a newcomer, or one in ten with an account abroad */
function worker(ctx: PlantContext, code: string, local: Party | undefined): Party {
  const rng = ctx.rng
  if (rng.chance(0.1)) {
    const country = rng.pick(ABROAD)
    return newPerson(ctx, { country, city: rng.pick(citiesOf(country)) })
  }
  return local ?? newPerson(ctx, { country: code, region: rng.pick(REGIONS) })
}

/**
 * An employer pays its crew in one batch on a weekly or fortnightly payday: 8-60 workers from a firm, or 5-20
 * from a sole trader (a crew leader paying from a personal account), some of them to accounts abroad. One
 * sender, many payees within minutes, every week.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES)
  const code = home.code
  const soleTrader = rng.chance(0.3)
  const city = rng.pick(home.cities)
  const employer: Party = soleTrader
    ? newPerson(ctx, { country: code, city })
    : ctx.party({ country: code, city, type: 'business', name: `${rng.pick(familyNames(rng.pick(REGIONS)))} ${rng.pick(TRADES)} ${rng.pick(LEGAL_FORMS[code] ?? ['Ltd'])}`, openedDaysAgo: rng.int(400, 9000) })
  const size = soleTrader ? rng.int(5, 20) : rng.int(8, 60)
  const locals = distinctCustomers(ctx, Math.round(size * 0.6), code).map((p) => p.party)
  const workers: { party: Party; pay: number }[] = []
  for (let i = 0; i < size; i++) workers.push({ party: worker(ctx, code, locals[i]), pay: rng.logInt(220, 1500) })
  const every = rng.chance(0.6) ? 7 : 14
  const week = rng.int(10, 20)
  const drafts: Draft[] = []
  for (let day = rng.int(0, Math.min(every - 1, ctx.days - 1)); day < ctx.days; day += every) {
    const start = ctx.at(day, 6, 16)
    for (const w of workers) {
      // the same pay give or take overtime, sent in one run over a few minutes
      const amount = major(Math.max(50, Math.round(w.pay * (0.9 + rng.float() * 0.2)))) + rng.int(0, 99)
      const abroad = w.party.country !== code
      drafts.push({ ts: ctx.after(start, 0, 40 * 60_000), amount, currency: currencyOf(code), channel: abroad ? 'wire' : 'ach', sender: employer, receiver: w.party, reference: rng.chance(0.6) ? `WAGES WK${week + Math.floor(day / 7)}` : 'wages', purpose: 'wages' })
    }
  }
  return drafts
}

export const wageBatch: BenignFamily = {
  name: 'wage_batch',
  summary: 'employers and sole-trader crew leaders paying 5-60 workers in one weekly or fortnightly batch, some abroad: fan-out, velocity burst, offshore fan-out',
  share: 0.015,
  minDays: 2,
  maxDays: 45,
  start() {
    return episode
  },
}
