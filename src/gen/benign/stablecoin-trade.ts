import type { Party } from '../../core/record/schema.ts'
import { HOME_COUNTRIES } from '../geography.ts'
import { major, percentOf, splitExact } from '../money.ts'
import { isoDate } from '../parties.ts'
import type { PlantContext } from '../typologies/context.ts'
import { DAY_MS, type Draft } from '../types.ts'
import type { BenignFamily, FamilySetup } from './family.ts'

interface Cast {
  desks: Party[]
  merchants: Party[]
  exchanges: Party[]
  holders: Party[]
}

const WALLET_COUNTRIES = ['GB', 'DE', 'US', 'NL', 'FR', 'TR', 'AE', 'NG', 'VN', 'PH', 'MX']

/** a counterparty wallet: one of the population's, or one seen only here; never the trader's own */
function wallet(ctx: PlantContext, cast: Cast, not: Party): Party {
  const rng = ctx.rng
  const held = cast.holders.length > 0 && rng.chance(0.4) ? rng.pick(cast.holders) : undefined
  return held && held !== not ? held : ctx.party({ country: rng.pick(WALLET_COUNTRIES), wallet: true, phone: false, openedDaysAgo: rng.int(30, 2000) })
}

const usdt = (ctx: PlantContext, day: number, amount: number, sender: Party, receiver: Party): Draft => ({ ts: ctx.at(day, 0, 24), amount, currency: 'USDT', channel: 'crypto', sender, receiver })

/** a peer-to-peer trader buys USDT from several wallets a week and sells it on within days, to buyers and an exchange */
function trader(ctx: PlantContext, cast: Cast): Draft[] {
  const rng = ctx.rng
  const me = cast.holders.length > 0 && rng.chance(0.5) ? rng.pick(cast.holders) : ctx.party({ country: rng.pick(WALLET_COUNTRIES), wallet: true, phone: false, openedDaysAgo: rng.int(60, 1500) })
  const window = ctx.span(5, 14)
  const drafts: Draft[] = []
  let bought = 0
  let lastDay = 0
  for (let i = 0, n = rng.int(4, 14); i < n; i++) {
    const amount = major(rng.logInt(100, 5000)) + rng.int(0, 99)
    const day = rng.int(0, window)
    bought += amount
    lastDay = Math.max(lastDay, day)
    drafts.push(usdt(ctx, day, amount, wallet(ctx, cast, me), me))
  }
  const sold = percentOf(bought, rng.int(85, 100))
  const buyers = rng.int(1, 8)
  for (const [i, amount] of splitExact(sold, Array.from({ length: buyers }, () => rng.int(1, 4))).entries()) {
    const to = i === 0 && rng.chance(0.6) ? rng.pick(cast.exchanges) : wallet(ctx, cast, me)
    drafts.push(usdt(ctx, Math.min(ctx.days - 1, rng.int(1, lastDay + 3)), amount, me, to))
  }
  return drafts
}

/** an OTC desk takes large USDT from clients and pays others out the same or the next day */
function desk(ctx: PlantContext, cast: Cast): Draft[] {
  const rng = ctx.rng
  const me = rng.pick(cast.desks)
  const drafts: Draft[] = []
  for (let i = 0, n = rng.int(3, 10); i < n; i++) {
    const day = rng.int(0, ctx.span(2, 10))
    const amount = major(rng.logInt(3000, 60_000))
    drafts.push(usdt(ctx, day, amount, wallet(ctx, cast, me), me))
    drafts.push(usdt(ctx, Math.min(ctx.days - 1, day + rng.int(0, 1)), percentOf(amount, rng.int(97, 100)), me, rng.chance(0.3) ? rng.pick(cast.exchanges) : wallet(ctx, cast, me)))
  }
  return drafts
}

/** a shop that takes USDT: many small payments from different wallets, swept to an exchange each week */
function merchant(ctx: PlantContext, cast: Cast): Draft[] {
  const rng = ctx.rng
  const me = rng.pick(cast.merchants)
  const window = ctx.span(5, 20)
  const drafts: Draft[] = []
  let week = 0
  for (let day = 0; day <= window; day++) {
    for (let i = 0, n = rng.int(0, 3); i < n; i++) {
      const amount = major(rng.logInt(15, 2000)) + rng.int(0, 99)
      week += amount
      drafts.push(usdt(ctx, day, amount, wallet(ctx, cast, me), me))
    }
    if ((day % 7 === 6 || day === window) && week > 0) {
      drafts.push(usdt(ctx, day, percentOf(week, rng.int(90, 100)), me, rng.pick(cast.exchanges)))
      week = 0
    }
  }
  return drafts
}

function castOf({ rng, pop }: FamilySetup): Cast {
  const opened = () => isoDate(pop.startMs - rng.int(200, 2500) * DAY_MS)
  const desks = Array.from({ length: rng.int(3, 6) }, () => {
    const country = rng.pick(['TR', 'AE', 'GB', 'US', 'NL'])
    return pop.factory.make({ name: `${rng.pick(['Bosphorus', 'Gulf', 'Atlas', 'Meridian', 'Harbour'])} ${rng.pick(['OTC', 'Digital Desk', 'Liquidity'])}`, type: 'msb', country, city: rng.pick(country === 'TR' ? ['Istanbul'] : country === 'AE' ? ['Dubai'] : HOME_COUNTRIES.find((c) => c.code === country)!.cities), wallet: true, accountOpened: opened() })
  })
  const merchants = Array.from({ length: rng.int(3, 8) }, () => {
    const home = rng.pick(HOME_COUNTRIES)
    return pop.factory.make({ name: `${rng.pick(['Pixel', 'Nova', 'Blue', 'Orbit'])} ${rng.pick(['Electronics', 'Games', 'Hosting', 'Gift Cards'])}`, type: 'business', country: home.code, city: rng.pick(home.cities), wallet: true, accountOpened: opened() })
  })
  return { desks, merchants, exchanges: pop.exchanges.map((e) => e.party), holders: pop.walletHolders.map((p) => p.wallet!) }
}

export const stablecoinTrade: BenignFamily = {
  name: 'stablecoin_trade',
  summary: 'USDT peer-to-peer traders (several credits a week from different wallets, sold within days), OTC desks and merchants taking USDT: crypto fee collection, crypto commission fan-out',
  share: 0.01,
  minDays: 3,
  maxDays: 24,
  start(setup) {
    const cast = castOf(setup)
    return (ctx) => {
      const kind = ctx.rng.weighted([['trader', 5], ['desk', 2], ['merchant', 3]] as const)
      return kind === 'trader' ? trader(ctx, cast) : kind === 'desk' ? desk(ctx, cast) : merchant(ctx, cast)
    }
  },
}
