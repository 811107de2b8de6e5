import type { Party } from '../../core/record/schema.ts'
import { LISTED_SURNAMES, WITH_ACCENTS } from '../data/listed-surnames.ts'
import { HOME_COUNTRIES } from '../geography.ts'
import { major } from '../money.ts'
import { LEGAL_FORMS, givenNames } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers } from './people.ts'

const REGIONS = Object.keys(LISTED_SURNAMES)
const OTHER_GIVEN = ['anglo', 'french', 'german', 'italian']

/**
 * A name that shares one token with listed people: a given name of src/gen/names.ts (from the surname's region,
 * or another one, as in mixed families) and a surname frequent on sanctions lists, with or without its accents.
 * One in five is a small business carrying the surname.
 */
function nearMissName(ctx: PlantContext): { name: string; business: boolean } {
  const rng = ctx.rng
  const region = rng.pick(REGIONS)
  let surname = rng.pick(LISTED_SURNAMES[region]!)
  if (WITH_ACCENTS[surname] && rng.chance(0.4)) surname = WITH_ACCENTS[surname]!
  if (rng.chance(0.2)) return { name: `${surname} ${rng.pick(['Plumbing', 'Bakery', 'Builders', 'Dental Care', 'Motors'])}`, business: true }
  const given = rng.pick(givenNames(rng.chance(0.6) ? region : rng.pick(OTHER_GIVEN)))
  return { name: `${given} ${surname}`, business: false }
}

/** an ordinary customer with such a name: salary, rent, card, transfers to and from other customers */
function episode(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const home = rng.pick(HOME_COUNTRIES)
  const code = home.code
  const currency = currencyOf(code)
  const { name, business } = nearMissName(ctx)
  const me: Party = ctx.party({ country: code, type: business ? 'business' : 'person', name: business ? `${name} ${LEGAL_FORMS[code]?.[0] ?? 'Ltd'}` : name, openedDaysAgo: rng.int(200, 6000) })
  const others = distinctCustomers(ctx, rng.int(2, 8), code)
  const drafts: Draft[] = []
  for (const other of others) {
    const inbound = business || rng.chance(0.5)
    const amount = major(rng.logInt(20, business ? 3000 : 1200)) + rng.int(0, 99)
    drafts.push({ ts: ctx.at(rng.int(0, ctx.days - 1), 7, 22), amount, currency, channel: rng.pick(['ach', 'mobile_money', 'wire'] as const), sender: inbound ? other.party : me, receiver: inbound ? me : other.party, reference: rng.pick(['invoice', 'thanks', 'rent share', 'dinner', undefined]) })
  }
  return drafts
}

export const nameNearMiss: BenignFamily = {
  name: 'name_near_miss',
  summary: 'customers whose name shares one token with listed people (names.ts given names with surnames frequent on the OFAC SDN list, accents or not): sanctions name',
  share: 0.006,
  minDays: 2,
  maxDays: 30,
  start() {
    return episode
  },
}
