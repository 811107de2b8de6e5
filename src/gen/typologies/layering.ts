import type { Party } from '../../core/record/schema.ts'
import { major, percentOf, splitExact, type Minor } from '../money.ts'
import { HOUR_MS, type Currency, type Draft } from '../types.ts'
import type { PlantContext, Typology } from './context.ts'
import { layeredStack as fannedStack } from './graph.ts'

/** where layer accounts are held (as the fanned stack's layers) */
const LAYER_COUNTRIES = ['GB', 'DE', 'NL', 'AE', 'TR', 'FR', 'BE']

/**
 * R25, every variant under the one label: the fanned stack of graph.ts (sources → 2-3 layers of 3-5 accounts,
 * 55 %), a thin stack (one payer and one payee a layer, 30 %) and a slow stack (the fanned shape with layers weeks
 * apart, spread over more than 60 days when the run allows, and a wider per-layer loss, 15 %).
 */
export const layeredStack: Typology = {
  label: 'layered_stack',
  minDays: fannedStack.minDays,
  plant(ctx) {
    const pick = ctx.rng.float()
    if (pick < 0.3) return { drafts: thinStack(ctx) }
    if (pick < 0.45) return { drafts: slowStack(ctx) }
    return fannedStack.plant(ctx)
  },
}

/** a sum of tens of thousands, scaled by the run's --amount-scale */
function stackSum(ctx: PlantContext, lo: number, hi: number): Minor {
  const scale = ctx.stress.amountScale
  return major(Math.max(100, Math.round(ctx.rng.logInt(lo, hi) * scale)))
}

/**
 * A thin chain: one source pays the first of 3-5 layer accounts, each of which holds the money a few days
 * ((1-7) × --gap-scale, squeezed into the instance's span when longer) and pays (80-90)-99 % of it on to the
 * next, the last to a beneficiary. Every layer has exactly one payer and one payee.
 */
function thinStack(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const currency: Currency = rng.pick(['USD', 'EUR', 'GBP'])
  const layerCount = ctx.count('layeredStack.thinMinLayers', 3, 3, 5)
  const source = ctx.party({ country: ctx.home().code, type: rng.chance(0.4) ? 'business' : 'person' })
  const layers = Array.from({ length: layerCount }, () => ctx.party({ country: rng.pick(LAYER_COUNTRIES), openedDaysAgo: rng.int(5, 900) }))
  const beneficiary = ctx.party({ country: rng.pick([...LAYER_COUNTRIES, 'CN', 'AE', 'US']), type: rng.chance(0.5) ? 'business' : 'person' })
  const chain: Party[] = [source, ...layers, beneficiary]
  const holds = squeeze(ctx, layers.map(() => ctx.gap(1, 7)))
  const drafts: Draft[] = []
  let amount = stackSum(ctx, 5000, 60_000)
  let ts = ctx.at(0, 8, 17)
  for (let h = 0; h + 1 < chain.length; h++) {
    drafts.push({ ts, amount, currency, channel: rng.weighted([['wire', 4], ['ach', 1], ['money_transfer', 1]] as const), sender: chain[h]!, receiver: chain[h + 1]! })
    if (h + 2 < chain.length) {
      amount = percentOf(amount, rng.int(ctx.knob('layeredStack.thinMinPassPercent', 80, 90), 99))
      ts = nextTime(ctx, ts, holds[h]!)
    }
  }
  return drafts
}

/**
 * The fanned shape held longer: 2-4 sources pay 2-3 layers of 3-5 accounts, each layer (10-30) × --gap-scale days
 * after the one before (over 60 days in all when the run leaves room), each account passing (45-55)-97 % on to 1-3
 * accounts of the next layer a few hours apart.
 */
function slowStack(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const currency: Currency = rng.pick(['USD', 'EUR', 'GBP'])
  const layerCount = rng.int(2, 3)
  const layers: Party[][] = [Array.from({ length: rng.int(2, 4) }, () => ctx.party({ country: ctx.home().code }))]
  for (let l = 0; l < layerCount; l++) layers.push(Array.from({ length: rng.int(3, 5) }, () => ctx.party({ country: rng.pick(LAYER_COUNTRIES), openedDaysAgo: rng.int(5, 600) })))
  const starts = [0]
  for (const gap of squeeze(ctx, Array.from({ length: layerCount - 1 }, () => ctx.gap(10, 30)))) starts.push(starts.at(-1)! + gap)
  const minPass = ctx.knob('layeredStack.slowMinPassPercent', 45, 55)
  const drafts: Draft[] = []
  let inflow = new Map<Party, Minor>(layers[0]!.map((p) => [p, stackSum(ctx, 5000, 60_000)]))
  for (let l = 0; l + 1 < layers.length; l++) {
    const next = new Map<Party, Minor>()
    for (const [from, received] of inflow) {
      const targets = rng.sample(layers[l + 1]!, rng.int(1, 3))
      const passed = l === 0 ? received : percentOf(received, rng.int(minPass, 97))
      const base = ctx.at(starts[l]!, 8, 14)
      for (const [i, amount] of splitExact(passed, targets.map(() => rng.int(1, 3))).entries()) {
        const to = targets[i]!
        drafts.push({ ts: Math.min(ctx.endMs, base + i * rng.int(1, 5) * HOUR_MS), amount, currency, channel: 'wire', sender: from, receiver: to })
        next.set(to, (next.get(to) ?? 0) + amount)
      }
    }
    inflow = next
  }
  return drafts
}

/** day gaps that fit the instance's span (scaled down in proportion when their sum is longer), each at least 1 */
function squeeze(ctx: PlantContext, gaps: number[]): number[] {
  const room = Math.max(gaps.length, ctx.days - 1)
  const sum = gaps.reduce((s, g) => s + g, 0)
  if (sum <= room) return gaps
  return gaps.map((g) => Math.max(1, Math.floor((g * room) / sum)))
}

/** a working-hours time `days` days after ts, kept after ts and inside the span */
function nextTime(ctx: PlantContext, ts: number, days: number): number {
  const offset = Math.min(ctx.days - 1, ctx.offsetOf(ts) + days)
  const t = ctx.at(offset, 8, 20)
  return t > ts ? t : ctx.after(ts, HOUR_MS, 6 * HOUR_MS)
}
