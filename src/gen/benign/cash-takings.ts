import { FOREIGN_CITIES } from '../geography.ts'
import { major, percentOf } from '../money.ts'
import type { Business } from '../population.ts'
import type { PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'

const SUPPLIER_COUNTRIES = ['TR', 'CN', 'IN', 'PK', 'AE']

/**
 * A cash-heavy shop banks its takings at its own branch over a few weeks. One deposit, sometimes two at least
 * eight days apart, lands just under 10,000 after a good week: near the threshold, never a series. Half the time
 * it then pays a supplier abroad a part of the takings within days.
 */
function episode(ctx: PlantContext, shop: Business, window: number): Draft[] {
  const rng = ctx.rng
  const currency = shop.currency
  const depositDays = rng.sample(Array.from({ length: window + 1 }, (_, i) => i), rng.int(3, 12)).sort((a, b) => a - b)
  const near = new Set<number>([rng.pick(depositDays)])
  const second = depositDays.find((d) => [...near].every((n) => Math.abs(d - n) >= 8))
  if (second !== undefined && rng.chance(0.3)) near.add(second)
  const drafts: Draft[] = []
  let takings = 0
  for (const day of depositDays) {
    const amount = near.has(day) ? major(rng.int(8500, 9990)) : major(rng.logInt(600, 7500)) + rng.int(0, 99)
    takings += amount
    const conductor = shop.staff.length > 0 ? rng.pick(shop.staff).party : shop.party
    drafts.push({ ts: ctx.at(day, 9, 18), amount, currency, channel: 'cash', sender: conductor, receiver: shop.party, location: { country: shop.country.code, city: shop.city, branch: shop.branch } })
  }
  if (rng.chance(0.5)) {
    const country = rng.pick(SUPPLIER_COUNTRIES)
    const supplier = ctx.party({ country, type: 'business', name: `${rng.pick(FOREIGN_CITIES[country] ?? ['Global'])} ${rng.pick(['Trading', 'Textiles', 'Export', 'Foods', 'Parts'])}` })
    const after = Math.min(ctx.days - 1, [...near][0]! + rng.int(1, 4))
    drafts.push({ ts: ctx.at(after, 9, 17), amount: percentOf(takings, rng.int(30, 70)), currency, channel: 'wire', sender: shop.party, receiver: supplier, reference: rng.pick(['stock', 'invoice', 'order', undefined]) })
  }
  return drafts
}

export const cashTakings: BenignFamily = {
  name: 'cash_takings',
  summary: 'cash-heavy shops banking takings at their own branch: one or two deposits just under 10,000, never a series, sometimes a supplier abroad paid days later: cash structuring, cash-in-wire-out',
  share: 0.006,
  minDays: 7,
  maxDays: 31,
  start({ pop }) {
    const shops = [...pop.byCountry.values()].flatMap((s) => s.cashShops)
    // a shop has one episode at a time, and a week between them, so its large deposits never form a series
    const busyUntil = new Map<Business, number>()
    return (ctx) => {
      const free = shops.filter((s) => (busyUntil.get(s) ?? -1) < ctx.day)
      if (free.length === 0) return []
      const shop = ctx.rng.pick(free)
      const window = ctx.span(7, 30)
      busyUntil.set(shop, ctx.day + window + 8)
      return episode(ctx, shop, window)
    }
  },
}
