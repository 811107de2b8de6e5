import { HIGH_MIGRANT_ORIGIN, TRANSIT } from '../geography.ts'
import { percentOf, splitExact, type Minor } from '../money.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type PlantContext, type Typology } from './context.ts'

const OUTBOUND = [...new Set([...HIGH_MIGRANT_ORIGIN, ...TRANSIT])]

/** wire out a share of what came in, in one to `parts` payments, to foreign beneficiaries on the corridors */
function wireOut(ctx: PlantContext, from: Draft['sender'], total: Minor, currency: Draft['currency'], parts: number, firstDay: number, lastDay: number): Draft[] {
  const rng = ctx.rng
  const amounts = splitExact(total, Array.from({ length: parts }, () => rng.int(1, 4)))
  const receivers = Array.from({ length: rng.int(1, parts) }, () => ctx.party({ country: rng.pick(OUTBOUND) }))
  return amounts.map((amount, i) => ({ ts: ctx.at(rng.int(firstDay, lastDay), 9, 20), amount, currency, channel: rng.chance(0.7) ? 'wire' : 'money_transfer', sender: from, receiver: receivers[i % receivers.length]! }))
}

const sum = (drafts: Draft[]): Minor => drafts.reduce((s, d) => s + d.amount, 0)

/**
 * Cash is wired on after it was paid in: a wire drawn before the last deposit (the same or the day before) moves to
 * 30 minutes to 4.5 hours after it, by its own time of day, so no draw is added (issue 17, session robust29: wires
 * sent before the cash they pass on came in).
 */
function afterCash(wires: Draft[], deposits: Draft[]): Draft[] {
  const last = Math.max(...deposits.map((d) => d.ts))
  return wires.map((w) => (w.ts > last ? w : { ...w, ts: Math.floor((last + 30 * 60_000 + (w.ts % (4 * 3_600_000))) / 1000) * 1000 }))
}

/**
 * R07/R08: cash is paid into one account from several places or by several people, and soon after most of it is
 * withdrawn far away or sent on. The time between the last deposit and the outflow stays within 72 hours.
 */
export const funnelAccount: Typology = {
  label: 'funnel_account',
  minDays: 4,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['US', 'US', 'US', 'GB', 'AU', 'DE'])
    const holder = ctx.party({ country: home.code, openedDaysAgo: rng.int(10, 1500) })
    const currency = currencyOf(home.code)
    const byConductors = rng.chance(0.5)
    const conductors = Array.from({ length: byConductors ? ctx.count('funnel.minConductors', 2, 3, 6) : 1 }, () => ctx.customer(home.code).party)
    const cities = rng.sample(home.cities, byConductors ? rng.int(1, 3) : ctx.count('funnel.minCities', 2, 3, 5))
    const window = ctx.span(1, 6)
    const deposits: Draft[] = []
    for (let i = 0, n = rng.int(Math.max(ctx.knob('funnel.minDeposits', 2, 3), conductors.length), 10); i < n; i++) {
      deposits.push({ ts: ctx.at(Math.floor((i * window) / n), 9, 17), amount: ctx.fee(900, 9400, 0.4), currency, channel: 'cash', sender: conductors[i % conductors.length]!, receiver: holder, location: ctx.branch(home.code, cities[i % cities.length]!, holder.institution) })
    }
    const out = percentOf(sum(deposits), rng.int(ctx.knob('funnel.minOutPercent', 62, 72), 98))
    const last = window + ctx.span(0, ctx.knob('funnel.maxOutDays', 2, 4))
    if (rng.chance(0.5)) {
      // cash taken out in another city, often near the border, the same or the next days
      const others = home.cities.filter((c) => !cities.includes(c))
      const far = rng.pick(home.borderCities.length > 0 && (rng.chance(0.6) || others.length === 0) ? home.borderCities : others.length > 0 ? others : home.cities)
      const parts = splitExact(out, Array.from({ length: rng.int(1, 4) }, () => rng.int(1, 3)))
      return { drafts: [...deposits, ...parts.map((amount) => ({ ts: ctx.at(rng.int(window, last), 8, 20), amount, currency, channel: 'cash' as const, sender: holder, receiver: holder, purpose: 'cash withdrawal', location: ctx.branch(home.code, far, holder.institution) }))] }
    }
    return { drafts: [...deposits, ...wireOut(ctx, holder, out, currency, rng.int(1, 3), window, last)] }
  },
}

/** R09: the holder pays in cash and within three days wires 80% or more of it to origin or transit countries. */
export const cashInWireOut: Typology = {
  label: 'cash_in_wire_out',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['US', 'GB', 'DE', 'FR', 'IT', 'AU', 'CA'])
    const holder = ctx.customer(home.code)
    const currency = holder.currency
    const deposits: Draft[] = []
    for (let i = 0, n = rng.int(1, 4); i < n; i++) {
      deposits.push({ ts: ctx.at(i === 0 ? 0 : rng.int(0, 1), 9, 13), amount: ctx.fee(2000, 9600, 0.5), currency, channel: 'cash', sender: holder.party, receiver: holder.party, location: ctx.branch(home.code, holder.city, holder.party.institution) })
    }
    const out = percentOf(sum(deposits), rng.int(ctx.knob('cashInWireOut.minOutPercent', 68, 80), 99))
    const wires = wireOut(ctx, holder.party, out, currency, rng.int(1, 3), 0, ctx.span(0, ctx.knob('cashInWireOut.maxDays', 3, 6)))
    return { drafts: [...deposits, ...afterCash(wires, deposits)] }
  },
}

/**
 * R15: a personal account that works as an unregistered remitter or hawala: ten or more cash deposits a month from
 * five or more different people, and regular transfers abroad to corridor countries.
 */
export const unregisteredRemitter: Typology = {
  label: 'unregistered_remitter',
  minDays: 10,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'GB', 'DE', 'AU', 'US', 'NL', 'BE'])
    const holder = rng.chance(0.5) ? ctx.customer(home.code).party : ctx.party({ country: home.code, openedDaysAgo: rng.int(60, 2500), region: rng.pick(['arabic', 'southasian', 'turkish']) })
    const currency = currencyOf(home.code)
    const depositors = Array.from({ length: ctx.count('unregisteredRemitter.minDepositors', 3, 5, 12) }, () => (rng.chance(0.6) ? ctx.customer(home.code).party : ctx.party({ country: home.code, region: rng.pick(['arabic', 'southasian', 'turkish', 'anglo']) })))
    const window = ctx.span(10, 30)
    const deposits: Draft[] = []
    for (let i = 0, n = Math.max(depositors.length, ctx.count('unregisteredRemitter.minDeposits', 6, 10, 24)); i < n; i++) {
      deposits.push({ ts: ctx.at(rng.int(0, window), 9, 18), amount: ctx.fee(200, 3200, 0.6), currency, channel: 'cash', sender: depositors[i % depositors.length]!, receiver: holder, location: ctx.branch(home.code, rng.pick(home.cities), holder.institution) })
    }
    const outflows = rng.int(2, 6)
    const out = percentOf(sum(deposits), rng.int(60, 95))
    return { drafts: [...deposits, ...wireOut(ctx, holder, out, currency, outflows, Math.min(2, window), window)] }
  },
}
