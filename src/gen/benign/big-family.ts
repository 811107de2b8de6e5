import type { Party } from '../../core/record/schema.ts'
import { citiesOf } from '../geography.ts'
import { major } from '../money.ts'
import { familyNames, givenNames, regionOf } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { cityIn, newPerson } from './people.ts'

/** where the family is from, and where its emigrants live */
const ORIGINS = ['PK', 'IN', 'BD', 'NG', 'IQ', 'SY', 'AF', 'TR', 'MA', 'TN', 'AL', 'VN', 'PH', 'MX', 'GT', 'SV', 'HN']
const DIASPORA = ['GB', 'DE', 'US', 'FR', 'IT', 'NL', 'BE', 'AU', 'CA', 'AE', 'ES']
const EVENTS = [
  'for the funeral', 'janaza', 'condolences', 'hospital', 'operation', 'for dad hospital', 'wedding', 'shaadi', 'boda',
  'Eid', 'Eid mubarak', 'Ramadan', 'Navidad', 'Tet', 'house repair after flood', 'roof', 'school fees', undefined,
]

/**
 * A big family abroad pays one relative at home for an event (a funeral, a wedding, a parent in hospital, Eid): 5-8
 * sons, daughters, cousins and in-laws in 2-5 countries each send 200-2,500 within a week. Daughters married into
 * other families and in-laws carry other surnames (about a third of the senders), and some send twice. Months
 * later, a second event brings the same people again. Fan-in of four-figure sums from many countries, senders of
 * several surnames: what a smuggler's collector sees, except that the payers are one family paying one of its own,
 * and come back.
 */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const origin = rng.pick(ORIGINS)
  const region = regionOf(origin)
  const surname = rng.pick(familyNames(region))
  const parent = newPerson(ctx, { country: origin, surname, city: cityIn(ctx, origin, 0.2, citiesOf(origin)), openedDaysAgo: rng.int(600, 9000) })
  const countries = Array.from({ length: rng.int(2, 5) }, () => rng.pick(DIASPORA))
  const senders: { party: Party; home: string }[] = []
  for (let i = 0, n = rng.int(5, 8); i < n; i++) {
    const home = rng.pick(countries)
    const name = rng.chance(0.35) ? rng.pick(familyNames(region)) : surname
    senders.push({ party: ctx.party({ country: home, name: `${rng.pick(givenNames(region))} ${name}`, openedDaysAgo: rng.int(300, 6000) }), home })
  }
  const drafts: Draft[] = []
  const events = ctx.days > 60 && rng.chance(0.5) ? 2 : 1
  for (let e = 0; e < events; e++) {
    const day = e === 0 ? rng.int(0, Math.max(0, Math.min(20, ctx.days - 8))) : rng.int(45, ctx.days - 7)
    const reference = rng.pick(EVENTS)
    for (const s of senders) {
      if (e > 0 && rng.chance(0.2)) continue
      const times = rng.chance(0.2) ? 2 : 1
      for (let k = 0; k < times; k++) {
        const amount = major(rng.chance(0.5) ? rng.int(2, 25) * 100 : rng.int(200, 2500))
        const channel = rng.weighted([['money_transfer', 4], ['wire', 3], ['mobile_money', 2]] as const)
        drafts.push({ ts: ctx.at(day + rng.int(0, 6), 7, 23), amount, currency: currencyOf(s.home), channel, sender: s.party, receiver: parent, reference })
      }
    }
  }
  return drafts
}

export const bigFamily: BenignFamily = {
  name: 'big_family',
  summary: '5-8 relatives in 2-5 countries (a third under other surnames) each send 200-2,500 to one relative at home within a week for a funeral, a wedding, a hospital bill or Eid: fan-in, unrelated senders, fee bands',
  share: 0.004,
  minDays: 8,
  maxDays: 150,
  start() {
    return episode
  },
}
