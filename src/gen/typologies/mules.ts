import { HIGH_MIGRANT_ORIGIN, TRANSIT } from '../geography.ts'
import { major, percentOf, splitExact } from '../money.ts'
import { HOUR_MS, type Draft } from '../types.ts'
import { currencyOf, type Typology } from './context.ts'

/**
 * R20: a new (opened within 90 days) or long-dormant account receives from three or more third parties and
 * forwards 90% or more within 48 hours, keeping a small commission.
 */
export const mulePassThrough: Typology = {
  label: 'mule_pass_through',
  minDays: 3,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'DE', 'FR', 'IT', 'NL', 'US', 'AU'])
    const currency = currencyOf(home.code)
    const dormant = rng.chance(0.35)
    const mule = ctx.party({ country: home.code, openedDaysAgo: dormant ? rng.int(400, 4000) : rng.int(3, ctx.knob('mule.maxAgeDays', 60, 150)), region: rng.pick(['anglo', 'arabic', 'hispanic', 'southasian']) })
    const payers = ctx.count('mule.minPayers', 2, 3, 8)
    const drafts: Draft[] = []
    let total = 0
    let lastTs = 0
    const receiveDays = ctx.span(0, 4)
    for (let i = 0; i < payers; i++) {
      const amount = ctx.fee(400, 4800, 0.4)
      const ts = ctx.at(rng.int(0, receiveDays), 8, 20)
      total += amount
      lastTs = Math.max(lastTs, ts)
      drafts.push({ ts, amount, currency, channel: rng.weighted([['wire', 2], ['ach', 1], ['mobile_money', 2], ['money_transfer', 1]] as const), sender: ctx.customer(rng.chance(0.8) ? home.code : undefined).party, receiver: mule })
    }
    const forwarded = percentOf(total, rng.int(ctx.knob('mule.minForwardPercent', 84, 91), 99))
    const parts = splitExact(forwarded, Array.from({ length: rng.int(1, 3) }, () => rng.int(1, 3)))
    const lastDay = Math.min(ctx.days - 1, Math.floor((lastTs - ctx.dayMs) / 86_400_000) + rng.int(0, 1))
    for (const amount of parts) {
      const receiver = rng.chance(0.5) ? ctx.party({ country: rng.pick([...TRANSIT, ...HIGH_MIGRANT_ORIGIN]) }) : ctx.party({ country: home.code })
      // forwarded after the last credit, within 48 hours of it and never past the instance's span
      const ts = Math.min(lastTs + rng.int(1, ctx.knob('mule.maxForwardHours', 36, 72)) * HOUR_MS, ctx.dayMs + lastDay * 86_400_000 + 86_399_000)
      drafts.push({ ts: Math.max(ts, lastTs + 60_000), amount, currency, channel: rng.chance(0.6) ? 'wire' : 'money_transfer', sender: mule, receiver })
    }
    return { drafts }
  },
}

/**
 * A new or long-dormant account that suddenly moves high value: one to three large credits, then most of it
 * paid out within days to a few parties. Fewer counterparties and larger sums than a mule.
 */
export const dormantReactivation: Typology = {
  label: 'dormant_reactivation',
  minDays: 3,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'DE', 'FR', 'US', 'CA', 'AU', 'BE'])
    const currency = currencyOf(home.code)
    const account = ctx.party({ country: home.code, openedDaysAgo: rng.chance(0.6) ? rng.int(800, 6000) : rng.int(2, 40), type: rng.chance(0.8) ? 'person' : 'business' })
    const drafts: Draft[] = []
    let total = 0
    let lastIn = 0
    for (let i = 0, n = rng.int(1, 3); i < n; i++) {
      const amount = major(rng.logInt(ctx.knob('dormant.minCredit', 6000, 15_000), 180_000))
      total += amount
      const ts = ctx.at(rng.int(0, 1), 9, 17)
      lastIn = Math.max(lastIn, ts)
      drafts.push({ ts, amount, currency, channel: rng.chance(0.8) ? 'wire' : 'cheque', sender: ctx.party({ country: rng.pick([home.code, 'AE', 'TR', 'CN']), type: 'business' }), receiver: account })
    }
    const parts = splitExact(percentOf(total, rng.int(ctx.knob('dormant.minOutPercent', 58, 70), 98)), Array.from({ length: rng.int(2, 6) }, () => rng.int(1, 5)))
    for (const amount of parts) {
      // paid out after the credits: a dormant account has no balance to pay from before they arrive
      const ts = Math.max(ctx.at(rng.int(1, ctx.span(1, 5)), 9, 18), ctx.after(lastIn, 600_000, 4 * 3_600_000))
      drafts.push({ ts, amount, currency, channel: 'wire', sender: account, receiver: ctx.party({ country: rng.pick([home.code, ...TRANSIT, 'AE']) }) })
    }
    return { drafts }
  },
}

/**
 * Velocity: an established customer with an ordinary history suddenly sends a burst of transfers, many times
 * the usual rate, within hours, to many beneficiaries. Two in five bursts are funded (a mule's burst): 1-4 third
 * parties pay the account first, and the burst, hours to two days after the last credit, pays (85-90)-99 % of
 * what came in on; a third of the funded accounts were opened in the last 60 days.
 */
export const velocity: Typology = {
  label: 'velocity',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const funded = rng.chance(0.4)
    const person = ctx.customer(ctx.home().code)
    const sender = funded && rng.chance(0.33) ? ctx.party({ country: person.country.code, openedDaysAgo: rng.int(3, 60) }) : person.party
    const n = ctx.count('velocity.minTransfers', 5, 8, 30)
    const hours = rng.pick([1, 3, 6, 12, 24])
    const beneficiaries = Array.from({ length: rng.int(Math.ceil(n / 3), n) }, () => ctx.party({ country: rng.chance(0.5) ? person.country.code : rng.pick([...TRANSIT, ...HIGH_MIGRANT_ORIGIN]) }))
    const drafts: Draft[] = []
    let start = ctx.at(0, 6, 23 - Math.min(hours, 16))
    let amounts = Array.from({ length: n }, () => ctx.fee(80, 2500, 0.3))
    if (funded) {
      let total = 0
      let lastIn = 0
      for (let i = 0, payers = rng.int(1, 4); i < payers; i++) {
        const amount = ctx.fee(Math.ceil((n * 250) / payers), Math.ceil((n * 900) / payers), 0.5)
        const ts = ctx.at(rng.int(0, ctx.span(0, 1)), 7, 21)
        total += amount
        lastIn = Math.max(lastIn, ts)
        drafts.push({ ts, amount, currency: person.currency, channel: rng.weighted([['wire', 2], ['mobile_money', 2], ['money_transfer', 1], ['ach', 1]] as const), sender: ctx.customer(rng.chance(0.7) ? person.country.code : undefined).party, receiver: sender })
      }
      start = Math.min(ctx.after(lastIn, HOUR_MS, 48 * HOUR_MS), ctx.endMs - hours * HOUR_MS)
      start = Math.max(start, lastIn + 60_000)
      amounts = splitExact(percentOf(total, rng.int(ctx.knob('velocity.minFundedPassPercent', 85, 90), 99)), amounts)
    }
    for (let i = 0; i < n; i++) {
      const ts = Math.floor((start + rng.float() * hours * HOUR_MS) / 1000) * 1000
      drafts.push({ ts: Math.min(ts, ctx.endMs), amount: amounts[i]!, currency: person.currency, channel: rng.weighted([['mobile_money', 3], ['wire', 1], ['ach', 1], ['money_transfer', 1]] as const), sender, receiver: beneficiaries[i % beneficiaries.length]!, device: { id: person.device } })
    }
    return { drafts }
  },
}
