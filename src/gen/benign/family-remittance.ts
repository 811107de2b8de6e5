import type { Party } from '../../core/record/schema.ts'
import { citiesOf } from '../geography.ts'
import { major } from '../money.ts'
import { familyNames, givenNames, regionOf } from '../names.ts'
import type { Person } from '../population.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { cityIn, diaspora, newPerson } from './people.ts'

/** diaspora corridors by home country, weighted; more than the population's monthly remitters use (NG, AL, IN …) */
const CORRIDORS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  GB: [['PK', 3], ['IN', 3], ['NG', 2], ['IQ', 2], ['BD', 2], ['AL', 1], ['VN', 1]],
  DE: [['TR', 4], ['SY', 2], ['IQ', 1], ['AL', 1], ['VN', 1]],
  US: [['MX', 5], ['GT', 3], ['IN', 2], ['NG', 1], ['HN', 1], ['SV', 1], ['VN', 1]],
  FR: [['TN', 3], ['MA', 2], ['VN', 1]],
  IT: [['AL', 3], ['BD', 2], ['TN', 1], ['NG', 1]],
  BE: [['MA', 2], ['TR', 1]],
  NL: [['TR', 2], ['MA', 1], ['ID', 1]],
  AU: [['VN', 2], ['IN', 2], ['ID', 1], ['IQ', 1]],
  CA: [['IN', 3], ['PK', 2], ['VN', 1]],
}
const HOMES = Object.keys(CORRIDORS)

/** large one-off sums: weddings, building a house, school and university fees, in the families' own words */
const OCCASIONS = [
  'wedding', 'for the wedding', 'house building', 'cement and bricks', 'school fees', 'university fees', 'dowry',
  'boda', 'para la boda', 'construccion casa', 'colegiatura', 'dasma', 'per shtepine', 'düğün', 'ev inşaatı',
  'xây nhà', 'học phí', 'shaadi', 'ghar ka kaam', 'hospital bill', 'mariage', 'construction maison', 'roof',
]
const MONTHLY = ['for mum', 'for dad', 'family support', 'monthly', 'para mama', 'ayuda', 'gastos', 'bo dayk', 'ammi', 'pour maman', 'per mamma', 'cho mẹ', 'nafaka', undefined, undefined]

interface Sender {
  party: Party
  home: string
  city: string
  to: string
  surname: string
  relative?: Party
}

/** a population remitter with the relative they already pay, or a new diaspora customer on a wider corridor */
function pickSender(ctx: PlantContext, remitters: readonly Person[]): Sender {
  const rng = ctx.rng
  if (remitters.length > 0 && rng.chance(0.6)) {
    const p = rng.pick(remitters)
    return { party: p.party, home: p.country.code, city: p.city, to: p.remit!.relative.country!, surname: p.surname, relative: p.remit!.relative }
  }
  const home = rng.pick(HOMES)
  const to = rng.weighted(CORRIDORS[home]!)
  const surname = rng.pick(familyNames(regionOf(to)))
  const city = rng.pick(citiesOf(home))
  return { party: newPerson(ctx, { country: home, region: regionOf(to), surname, city }), home, city, to, surname }
}

/** the parent or relative at home; a quarter live in a border or transit-zone city */
function parentOf(ctx: PlantContext, s: Sender): Party {
  if (s.relative && ctx.rng.chance(0.5)) return s.relative
  return newPerson(ctx, { country: s.to, surname: s.surname, city: cityIn(ctx, s.to, 0.25, citiesOf(s.to)), openedDaysAgo: ctx.rng.int(300, 8000) })
}

function send(ctx: PlantContext, from: Party, home: string, city: string, to: Party, day: number, amount: number, reference: string | undefined): Draft {
  const rng = ctx.rng
  const channel = rng.weighted([['money_transfer', 5], ['wire', 3], ['mobile_money', 2]] as const)
  return { ts: ctx.at(day, 8, 21), amount, currency: currencyOf(home), channel, sender: from, receiver: to, reference, location: channel === 'money_transfer' ? ctx.branch(home, city, from.institution) : undefined }
}

/** 2-3 siblings in different cities or countries each send the same parent money in the same weeks */
function siblings(ctx: PlantContext, s: Sender): Draft[] {
  const rng = ctx.rng
  const parent = parentOf(ctx, s)
  const region = regionOf(s.to)
  const brothers: { party: Party; home: string; city: string }[] = [{ party: s.party, home: s.home, city: s.city }]
  for (let i = 0, n = rng.int(1, 2); i < n; i++) {
    const abroad = rng.chance(0.4)
    const home = abroad ? rng.pick(HOMES.filter((h) => h !== s.home)) : s.home
    const city = rng.pick(citiesOf(home).filter((c) => c !== s.city))
    // a married sister may carry another surname
    const surname = rng.chance(0.3) ? rng.pick(familyNames(region)) : s.surname
    brothers.push({ party: ctx.party({ country: home, city, name: `${rng.pick(givenNames(region))} ${surname}`, openedDaysAgo: rng.int(300, 6000) }), home, city })
  }
  const drafts: Draft[] = []
  const due = rng.int(0, Math.min(6, ctx.days - 1))
  for (const b of brothers) {
    for (let month = 0; due + month * 30 < ctx.days; month++) {
      const large = rng.chance(0.15)
      const amount = large ? ctx.fee(1500, 4500, 0.6) : major(rng.logInt(80, 1200)) + rng.int(0, 99)
      drafts.push(send(ctx, b.party, b.home, b.city, parent, due + month * 30 + rng.int(0, 4), amount, large ? rng.pick(OCCASIONS) : rng.pick(MONTHLY)))
    }
  }
  return drafts
}

/** a large one-off sum of 1,500-6,000, sometimes followed by a second part days later */
function occasion(ctx: PlantContext, s: Sender): Draft[] {
  const rng = ctx.rng
  const parent = parentOf(ctx, s)
  const first = rng.int(0, Math.max(0, ctx.days - 3))
  const amount = ctx.fee(1500, 6000, 0.5)
  const reference = rng.chance(0.75) ? rng.pick(OCCASIONS) : undefined
  const drafts = [send(ctx, s.party, s.home, s.city, parent, first, amount, reference)]
  if (rng.chance(0.35)) drafts.push(send(ctx, s.party, s.home, s.city, parent, first + rng.int(2, 20), Math.floor((amount * rng.int(20, 60)) / 100), reference))
  return drafts
}

/** ordinary monthly sums to a relative on a corridor the population's remitters do not cover */
function regular(ctx: PlantContext, s: Sender): Draft[] {
  const rng = ctx.rng
  const parent = parentOf(ctx, s)
  const drafts: Draft[] = []
  for (let day = rng.int(0, Math.min(10, ctx.days - 1)); day < ctx.days; day += rng.int(26, 34)) {
    drafts.push(send(ctx, s.party, s.home, s.city, parent, day, major(rng.logInt(80, 900)) + rng.int(0, 99), rng.pick(MONTHLY)))
  }
  return drafts
}

export const familyRemittance: BenignFamily = {
  name: 'family_remittance',
  summary: 'remittances on the corridors (PK, IN, NG, AL, VN, IQ, MX, GT, TN, BD, ID, TR…), some 1,500-6,000 for weddings, houses and school fees, recipients in border cities, 2-3 siblings paying one parent: fee bands, corridors, fan-in, origin-to-border',
  share: 0.025,
  minDays: 3,
  maxDays: 70,
  start({ pop }) {
    const remitters = diaspora(pop)
    return (ctx) => {
      const s = pickSender(ctx, remitters)
      const kind = ctx.rng.weighted([['siblings', 4], ['occasion', 4], ['regular', 2]] as const)
      return kind === 'siblings' ? siblings(ctx, s) : kind === 'occasion' ? occasion(ctx, s) : regular(ctx, s)
    }
  },
}
