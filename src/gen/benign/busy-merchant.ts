import type { Party } from '../../core/record/schema.ts'
import { FOREIGN_CITIES, HOME_COUNTRIES, type Country } from '../geography.ts'
import { major, percentOf, splitExact } from '../money.ts'
import { LEGAL_FORMS, familyNames, regionOf } from '../names.ts'
import { isoDate } from '../parties.ts'
import type { Rng } from '../prng.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import { DAY_MS, type Channel, type Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

type Kind = 'travel' | 'letting' | 'rugs' | 'electronics'

interface Shop {
  party: Party
  kind: Kind
  country: Country
  city: string
}

const WORDS: Readonly<Record<Kind, readonly string[]>> = {
  travel: ['Travel Agency', 'Travel & Tours', 'Hajj & Umrah Travel', 'Holidays', 'Air Tickets'],
  letting: ['Lettings', 'Property Management', 'Estates', 'Homes'],
  rugs: ['Rug Gallery', 'Carpets', 'Oriental Rugs', 'Kilim House'],
  electronics: ['Phones & Laptops', 'Electronics', 'Furniture', 'Home Store'],
}
const MEMOS: Readonly<Record<Kind, readonly (string | undefined)[]>> = {
  travel: ['flight Istanbul', 'Umrah package', 'holiday Antalya', 'flights Erbil', 'tickets Lahore', 'family tickets', 'booking ref', 'Hajj deposit', undefined],
  letting: ['rent flat 2', 'holding deposit', 'deposit', 'rent', 'RENT', 'first month + deposit', 'rent arrears'],
  rugs: [undefined],
  electronics: [undefined],
}
/** where travel agencies settle with tour operators and airlines, and rug shops pay their suppliers */
const PARTNER_COUNTRIES: Readonly<Record<Kind, readonly string[]>> = {
  travel: ['TR', 'AE', 'PK', 'IQ', 'GB', 'DE'],
  letting: [],
  rugs: ['TR', 'IR', 'PK', 'AF', 'IN'],
  electronics: ['CN', 'AE'],
}

function makeShop(rng: Rng, setupParty: (spec: { name: string; country: string; city: string }) => Party, country: Country): Shop {
  const kind = rng.weighted<Kind>([['travel', 3], ['letting', 3], ['rugs', 2], ['electronics', 2]])
  // some sit in border and port towns: a travel agency in Dover, a rug shop in El Paso
  const city = rng.chance(0.15) && country.borderCities.length > 0 ? rng.pick(country.borderCities) : rng.pick(country.cities)
  const owner = rng.pick(familyNames(rng.pick(['anglo', 'arabic', 'southasian', 'turkish', regionOf(country.code)])))
  const name = `${rng.chance(0.5) ? owner : city} ${rng.pick(WORDS[kind])} ${rng.pick(LEGAL_FORMS[country.code] ?? ['Ltd'])}`
  return { party: setupParty({ name, country: country.code, city }), kind, country, city }
}

function intakeAmount(ctx: PlantContext, kind: Kind): number {
  const rng = ctx.rng
  if (kind === 'letting') return major(rng.int(450, 3000))
  if (kind === 'travel') return major(rng.logInt(120, 3500)) + rng.int(0, 99)
  if (kind === 'rugs') return major(rng.logInt(150, 4500))
  return major(rng.logInt(30, 2500)) + rng.int(0, 99)
}

/** a shop's customers over one to two weeks, and what the shop passes on: landlords, operators, suppliers */
function episode(ctx: PlantContext, shops: readonly Shop[]): Draft[] {
  const rng = ctx.rng
  const shop = rng.pick(shops)
  const code = shop.country.code
  const currency = currencyOf(code)
  const window = ctx.span(3, 14)
  const drafts: Draft[] = []
  let intake = 0
  let lastDay = 0
  const customers = distinctCustomers(ctx, rng.int(8, 40), code)
  for (const c of customers) {
    // a visitor from another country now and then: a tourist buying a rug, a relative booking flights
    const payer = rng.chance(0.12) ? newPerson(ctx, { country: rng.pick(HOME_COUNTRIES).code }) : c.party
    const day = rng.int(0, window)
    const amount = intakeAmount(ctx, shop.kind)
    const channel: Channel = shop.kind === 'letting' ? rng.weighted([['ach', 3], ['wire', 1]] as const) : rng.chance(0.85) ? 'card' : 'wire'
    intake += amount
    lastDay = Math.max(lastDay, day)
    drafts.push({ ts: ctx.at(day, 8, 20), amount, currency, channel, sender: payer, receiver: shop.party, reference: rng.pick(MEMOS[shop.kind]), location: channel === 'card' ? { country: code, city: shop.city } : undefined })
  }
  const payDay = () => Math.min(ctx.days - 1, lastDay + rng.int(1, 7))
  if (shop.kind === 'letting') {
    // rents passed to the landlords, less the agent's 8-14%
    const landlords = rng.int(3, 8)
    for (const amount of splitExact(percentOf(intake, 100 - rng.int(8, 14)), Array.from({ length: landlords }, () => rng.int(1, 4)))) {
      drafts.push({ ts: ctx.at(payDay(), 9, 17), amount, currency, channel: 'ach', sender: shop.party, receiver: newPerson(ctx, { country: code }), reference: 'rent less fees' })
    }
  } else {
    const partners = PARTNER_COUNTRIES[shop.kind]
    for (let i = 0, n = rng.int(1, 2); i < n; i++) {
      const country = rng.pick(partners)
      const partner = ctx.party({ country, type: 'business', name: `${rng.pick(FOREIGN_CITIES[country] ?? ['Global'])} ${rng.pick(['Tours', 'Trading', 'Export', 'Wholesale'])}` })
      const amount = major(Math.max(100, Math.round(percentOf(intake, rng.int(25, 45)) / 10_000) * 100))
      drafts.push({ ts: ctx.at(payDay(), 9, 17), amount, currency, channel: 'wire', sender: shop.party, receiver: partner, reference: rng.pick(['settlement', 'invoice', 'stock', 'tickets', undefined]) })
    }
  }
  return drafts
}

export const busyMerchant: BenignFamily = {
  name: 'busy_merchant',
  summary: 'travel agencies, letting agents, rug and electronics shops with 8-40 customers a fortnight (card and transfer, up to a few thousand), passing rents to landlords and settling abroad: fan-in, gather-scatter, unrelated senders',
  share: 0.025,
  minDays: 3,
  maxDays: 21,
  start({ rng, pop, perDay }) {
    const count = Math.max(10, Math.min(300, Math.round(perDay / 40)))
    const make = (spec: { name: string; country: string; city: string }): Party =>
      pop.factory.make({ ...spec, type: 'business', accountOpened: isoDate(pop.startMs - rng.int(365, 7300) * DAY_MS) })
    const shops = Array.from({ length: count }, () => makeShop(rng, make, rng.pick(HOME_COUNTRIES)))
    return (ctx) => episode(ctx, shops)
  },
}
