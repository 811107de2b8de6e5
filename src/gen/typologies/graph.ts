import type { Party } from '../../core/record/schema.ts'
import { HIGH_MIGRANT_ORIGIN, TRANSIT } from '../geography.ts'
import { major, percentOf, splitExact, type Minor } from '../money.ts'
import { HOUR_MS, type Currency, type Draft } from '../types.ts'
import { currencyOf, type PlantContext, type Typology } from './context.ts'

const CORRIDOR = [...new Set([...TRANSIT, ...HIGH_MIGRANT_ORIGIN])]

/** R22: collect from many payers, then pay many helpers (drivers, boat pilots), passing most of it on within a week. */
export const gatherScatter: Typology = {
  label: 'gather_scatter',
  minDays: 4,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'DE', 'FR', 'US', 'IT', 'BE'])
    const currency = currencyOf(home.code)
    const hub = ctx.party({ country: home.code, openedDaysAgo: rng.int(20, 1500) })
    const drafts: Draft[] = []
    let total: Minor = 0
    const gatherDays = ctx.span(1, 3)
    for (let i = 0, n = ctx.count('gatherScatter.minPayers', 3, 5, 12); i < n; i++) {
      const amount = ctx.fee(400, 4000)
      total += amount
      drafts.push({ ts: ctx.at(rng.int(0, gatherDays), 8, 21), amount, currency, channel: rng.weighted([['wire', 2], ['money_transfer', 2], ['mobile_money', 1], ['cash', 1]] as const), sender: ctx.customer(rng.chance(0.7) ? home.code : undefined).party, receiver: hub })
    }
    const outs = ctx.count('gatherScatter.minPayees', 3, 5, 10)
    const parts = splitExact(percentOf(total, rng.int(ctx.knob('gatherScatter.minPassPercent', 68, 80), 97)), Array.from({ length: outs }, () => rng.int(1, 4)))
    const scatterEnd = Math.min(ctx.days - 1, gatherDays + ctx.span(1, 4))
    for (const amount of parts) {
      const helper = ctx.party({ country: rng.chance(0.5) ? home.code : rng.pick(CORRIDOR) })
      drafts.push({ ts: ctx.at(rng.int(gatherDays, scatterEnd), 8, 23), amount, currency, channel: rng.chance(0.6) ? 'money_transfer' : 'wire', sender: hub, receiver: helper })
    }
    return { drafts }
  },
}

/** R23: one account pays several offshore third parties in at least two corridor countries within 30 days. */
export const fanoutOffshore: Typology = {
  label: 'fanout_offshore',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['AU', 'AU', 'GB', 'DE', 'US', 'CA'])
    const sender = rng.chance(0.6) ? ctx.customer(home.code).party : ctx.party({ country: home.code, type: 'business' })
    const countries = rng.sample(CORRIDOR, rng.int(2, 4))
    const drafts: Draft[] = []
    const window = ctx.span(1, 30)
    for (let i = 0, n = ctx.count('fanoutOffshore.minPayees', 2, 3, 9); i < n; i++) {
      const receiver = ctx.party({ country: countries[i % countries.length]! })
      drafts.push({ ts: ctx.at(rng.int(0, window), 8, 20), amount: rng.chance(0.5) ? ctx.fee(300, 1500) : ctx.fee(1500, 9000), currency: currencyOf(home.code), channel: rng.chance(0.7) ? 'wire' : 'money_transfer', sender, receiver })
    }
    return { drafts }
  },
}

/**
 * R24, a laundering cycle: value goes round a chain of accounts and comes back to where it started, each hop
 * keeping all but a few per cent (0.5-5 %) of what the previous one passed, every hop after the previous one,
 * back at the origin within days to weeks. Sometimes it goes round twice. What tells it from money that goes
 * round for ordinary reasons is the conservation and the time order, not the loop.
 */
export const cycle: Typology = {
  label: 'cycle',
  minDays: 3,
  plant(ctx) {
    const rng = ctx.rng
    const hops = ctx.count('cycle.minHops', 2, 3, 8)
    const countries = [ctx.home().code, ...Array.from({ length: hops - 1 }, () => rng.pick(['GB', 'DE', 'AE', 'TR', 'NL', 'US', 'CN', 'FR', 'BE']))]
    const nodes = countries.map((country) => ctx.party({ country, type: rng.chance(0.5) ? 'business' : 'person' }))
    const currency: Currency = rng.pick(['USD', 'EUR', 'GBP', 'USD'])
    const rounds = rng.chance(0.15) ? 2 : 1
    const window = ctx.span(ctx.knob('cycle.minDays', 2, 5), ctx.knob('cycle.maxDays', 21, 35))
    const gap = Math.max(HOUR_MS, Math.floor((window * 86_400_000) / (hops * rounds + 1)))
    const drafts: Draft[] = []
    let ts = ctx.at(0, 8, 12)
    for (let r = 0; r < rounds; r++) {
      let amount = major(rng.logInt(3000, 120_000)) + (rng.chance(0.5) ? 0 : rng.int(0, 99))
      for (let h = 0; h < hops; h++) {
        drafts.push({ ts, amount, currency, channel: rng.chance(0.8) ? 'wire' : 'ach', sender: nodes[h]!, receiver: nodes[(h + 1) % hops]! })
        // per mille kept back by the hop: fees, a cut, a rounding down
        amount = Math.floor((amount * (1000 - rng.int(5, 50))) / 1000)
        ts = Math.floor((ts + rng.int(Math.floor(gap / 3), gap)) / 1000) * 1000
      }
    }
    return { drafts: clampEnd(ctx, drafts) }
  },
}

/** R25: layered flows: a group of sources pays a first layer of accounts, which pass most of it on to a second layer, and so on. */
export const layeredStack: Typology = {
  label: 'layered_stack',
  minDays: 3,
  plant(ctx) {
    const rng = ctx.rng
    const currency: Currency = rng.pick(['USD', 'EUR', 'GBP'])
    const layerCount = rng.int(2, 3)
    const layers: Party[][] = [Array.from({ length: rng.int(2, 4) }, () => ctx.party({ country: ctx.home().code }))]
    for (let l = 0; l < layerCount; l++) layers.push(Array.from({ length: rng.int(3, 5) }, () => ctx.party({ country: rng.pick(['GB', 'DE', 'NL', 'AE', 'TR', 'FR', 'BE']), openedDaysAgo: rng.int(5, 600) })))
    const drafts: Draft[] = []
    const perLayer = Math.max(1, Math.floor((ctx.days - 1) / layerCount))
    let inflow = new Map<Party, Minor>(layers[0]!.map((p) => [p, major(rng.logInt(5000, 60_000))]))
    for (let l = 0; l + 1 < layers.length; l++) {
      const next = new Map<Party, Minor>()
      for (const [from, received] of inflow) {
        const targets = rng.sample(layers[l + 1]!, rng.int(1, 3))
        const passed = l === 0 ? received : percentOf(received, rng.int(ctx.knob('layeredStack.minPassPercent', 50, 60), 97))
        for (const [i, amount] of splitExact(passed, targets.map(() => rng.int(1, 3))).entries()) {
          const to = targets[i]!
          drafts.push({ ts: ctx.at(l * perLayer + rng.int(0, Math.min(perLayer - 1, 6)), 8, 20), amount, currency, channel: 'wire', sender: from, receiver: to })
          next.set(to, (next.get(to) ?? 0) + amount)
        }
      }
      inflow = next
    }
    return { drafts }
  },
}

/** keep a chain's times inside the instance's span, preserving their order */
function clampEnd(ctx: PlantContext, drafts: Draft[]): Draft[] {
  const end = ctx.dayMs + ctx.days * 86_400_000 - 1000
  let prev = 0
  return drafts.map((d, i) => {
    const ts = Math.max(prev + 1000, Math.min(d.ts, end - (drafts.length - 1 - i) * 1000))
    prev = ts
    return { ...d, ts }
  })
}
