import { major } from '../money.ts'
import type { Currency, Draft } from '../types.ts'
import { currencyOf, type PlantContext, type Typology } from './context.ts'

/** reporting thresholds by currency (typologies.md §1: T_US_WIRE, T_US_CASH, T_AU, T_CA) */
export const WIRE_THRESHOLD: Record<string, { country: string; currency: Currency; threshold: number }[]> = {
  transfer: [
    { country: 'US', currency: 'USD', threshold: 3000 },
    { country: 'US', currency: 'USD', threshold: 3000 },
    { country: 'AU', currency: 'AUD', threshold: 10000 },
    { country: 'CA', currency: 'CAD', threshold: 10000 },
  ],
  cash: [
    { country: 'US', currency: 'USD', threshold: 10000 },
    { country: 'US', currency: 'USD', threshold: 10000 },
    { country: 'AU', currency: 'AUD', threshold: 10000 },
    { country: 'CA', currency: 'CAD', threshold: 10000 },
  ],
}

/** an amount in [lowShare T, T), spread over the band rather than piled at T - 1 */
export function nearBelow(ctx: PlantContext, threshold: number, lowShare = 0.8): number {
  const lo = Math.ceil(threshold * lowShare)
  const units = ctx.rng.int(lo, threshold - 1)
  return ctx.rng.chance(0.4) ? major(Math.min(threshold - 10, Math.round(units / 10) * 10)) : major(units) + ctx.rng.int(0, 99)
}

/** one of n sub-threshold parts whose sum reaches the threshold (the FINTRAC 24-hour aggregation, S32) */
export function aggregatePart(ctx: PlantContext, threshold: number, n: number): number {
  const share = Math.ceil(threshold / n)
  return major(ctx.rng.int(share + 50, Math.min(threshold - 1, share + 2000)))
}

/**
 * R03: one sender splits a sum into several transfers just under the wire (US, USD 3,000) or IFTI (AU, AUD 10,000)
 * threshold, to one beneficiary, within a week; the Canadian variant adds up to CAD 10,000 or more inside 24 hours.
 */
export const structuringTransfer: Typology = {
  label: 'structuring_transfer',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const rule = rng.pick(WIRE_THRESHOLD.transfer!)
    const sender = ctx.customer(rule.country).party
    const beneficiary = ctx.party({ country: rng.pick(['MX', 'GT', 'IQ', 'ID', 'VN', 'TR', 'PK', rule.country]) })
    const n = ctx.count('structuringTransfer.minTransfers', 2, 3, 7)
    const window = rule.country === 'CA' ? 0 : ctx.span(1, ctx.knob('structuringTransfer.maxDays', 6, 10))
    const low = ctx.knob('structuringTransfer.lowPercent', 72, 85) / 100
    const drafts: Draft[] = []
    for (let i = 0; i < n; i++) {
      const amount = rule.country === 'CA' ? aggregatePart(ctx, rule.threshold, n) : nearBelow(ctx, rule.threshold, low)
      drafts.push({ ts: ctx.at(rng.int(0, window), 8, 20), amount, currency: rule.currency, channel: rng.chance(0.6) ? 'wire' : 'money_transfer', sender, receiver: beneficiary })
    }
    return { drafts }
  },
}

/**
 * R10: cash paid in just under the cash threshold, two or more within 24 hours or three or more within a week,
 * or many smaller deposits adding up to the threshold inside one 24-hour window; by the holder or by conductors,
 * at one or several branches.
 */
export const cashStructuring: Typology = {
  label: 'cash_structuring',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const rule = rng.pick(WIRE_THRESHOLD.cash!)
    const holder = ctx.customer(rule.country)
    const conductors = [holder.party, ...Array.from({ length: rng.int(0, 2) }, () => ctx.customer(rule.country).party)]
    const aggregate = rng.chance(0.35)
    const n = aggregate ? ctx.count('cashStructuring.minAggregate', 2, 3, 6) : rng.int(2, 6)
    const window = aggregate ? 0 : ctx.span(1, ctx.knob('cashStructuring.maxDays', 5, 9))
    const low = ctx.knob('cashStructuring.lowPercent', 74, 85) / 100
    const drafts: Draft[] = []
    for (let i = 0; i < n; i++) {
      // aggregated variant: each deposit is far below T, but the day's total reaches it
      const amount = aggregate ? aggregatePart(ctx, rule.threshold, n) : nearBelow(ctx, rule.threshold, low)
      drafts.push({ ts: ctx.at(rng.int(0, window), 9, 17), amount, currency: rule.currency, channel: 'cash', sender: rng.pick(conductors), receiver: holder.party, location: ctx.branch(rule.country, rng.chance(0.6) ? holder.city : rng.pick(holder.country.cities), holder.party.institution) })
    }
    return { drafts }
  },
}

/**
 * R04: the same sender uses several branches or agents on the same or the next day to send to a beneficiary in
 * a border zone or an origin country.
 */
export const multiLocation: Typology = {
  label: 'multi_location',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['US', 'US', 'GB', 'DE', 'IT', 'FR'])
    const sender = ctx.customer(home.code)
    const beneficiaries = rng.chance(0.6)
      ? [ctx.borderParty(home.code === 'US' ? rng.pick(['US', 'MX']) : rng.pick(['TR', 'FR', 'LY']))]
      : [ctx.party({ country: rng.pick(['MX', 'GT', 'HN', 'IQ', 'SY', 'BD', 'TN']) }), ctx.party({ country: rng.pick(['MX', 'GT', 'IQ', 'TR']) })]
    const n = ctx.count('multiLocation.minTransfers', 2, 3, 8)
    const branches = rng.int(2, Math.min(5, n))
    const places = Array.from({ length: branches }, () => ctx.branch(home.code, rng.chance(0.5) ? sender.city : rng.pick(home.cities)))
    const drafts: Draft[] = []
    for (let i = 0; i < n; i++) {
      drafts.push({ ts: ctx.at(rng.int(0, 1), 8, 21), amount: ctx.fee(250, 2600, 0.3), currency: currencyOf(home.code), channel: 'money_transfer', sender: sender.party, receiver: rng.pick(beneficiaries), location: places[i % branches] })
    }
    return { drafts }
  },
}
