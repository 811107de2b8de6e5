import { HIGH_MIGRANT_ORIGIN, TRANSIT } from '../geography.ts'
import { percentOf, splitExact, type Minor } from '../money.ts'
import type { Draft } from '../types.ts'
import type { Typology } from './context.ts'

/**
 * R28/R29: a USDT wallet collects fee-sized payments from many payers' wallets within a week, then within 72 hours
 * off-ramps most of it through an exchange or OTC desk, or pays small commissions to many drivers' wallets.
 */
export const cryptoFeeCollection: Typology = {
  label: 'crypto_fee_collection',
  minDays: 3,
  plant(ctx) {
    const rng = ctx.rng
    const collectorCountry = rng.pick(['TR', 'LY', 'IQ', 'FR', 'GB', 'MX'])
    const collector = ctx.party({ country: collectorCountry, wallet: true, openedDaysAgo: rng.int(5, 400), phone: false })
    const drafts: Draft[] = []
    let total: Minor = 0
    const window = ctx.span(1, 6)
    for (let i = 0, n = ctx.count('cryptoFee.minPayers', 3, 5, 16); i < n; i++) {
      // some payers use their own long-held wallets, others a wallet opened for the payment
      const payer = rng.chance(0.5) && ctx.pop.walletHolders.length > 0 ? rng.pick(ctx.pop.walletHolders).wallet! : ctx.party({ country: rng.pick(['GB', 'DE', 'US', 'NL', ...HIGH_MIGRANT_ORIGIN]), wallet: true, phone: false })
      const amount = ctx.fee(500, 12_000, 0.6)
      total += amount
      drafts.push({ ts: ctx.at(rng.int(0, window), 0, 24), amount, currency: 'USDT', channel: 'crypto', sender: payer, receiver: collector })
    }
    const out = percentOf(total, rng.int(ctx.knob('cryptoFee.minOutPercent', 68, 80), 99))
    const outEnd = Math.min(ctx.days - 1, window + 2)
    if (rng.chance(0.6)) {
      const desk = ctx.party({ country: rng.pick(['TR', 'AE', 'LY', 'IQ']), type: 'msb', name: `${rng.pick(['Golden', 'Bosphorus', 'Tether', 'Fast'])} ${rng.pick(['OTC', 'Exchange', 'Crypto Desk'])}`, wallet: true, phone: false })
      for (const amount of splitExact(out, Array.from({ length: rng.int(1, 3) }, () => rng.int(1, 3)))) {
        drafts.push({ ts: ctx.at(rng.int(window, outEnd), 0, 24), amount, currency: 'USDT', channel: 'crypto', sender: collector, receiver: desk })
      }
    } else {
      for (const amount of splitExact(out, Array.from({ length: ctx.count('cryptoFee.minDrivers', 3, 5, 10) }, () => rng.int(1, 3)))) {
        const driver = ctx.party({ country: rng.pick([...TRANSIT]), wallet: true, phone: false })
        drafts.push({ ts: ctx.at(rng.int(window, outEnd), 0, 24), amount, currency: 'USDT', channel: 'crypto', sender: collector, receiver: driver })
      }
    }
    return { drafts }
  },
}
