import { HIGH_MIGRANT_ORIGIN } from '../geography.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type PlantContext, type Typology } from './context.ts'

/**
 * R01 (and R05): many payers in different places pay one collector in a border or transit town. US variant:
 * relatives across the US and in Central America pay a collector in El Paso or Laredo; EU/UK variant: relatives
 * in GB, DE and in the Middle East pay a collector in Calais, Istanbul or Zuwara. Amounts stay under T_US_WIRE.
 */
export const feeCollectionFanin: Typology = {
  label: 'fee_collection_fanin',
  minDays: 3,
  plant(ctx) {
    const rng = ctx.rng
    const us = rng.chance(0.5)
    const collectorCountry = us ? rng.pick(['US', 'MX']) : rng.pick(['FR', 'TR', 'LY', 'RS', 'FR'])
    const collector = ctx.borderParty(collectorCountry, { openedDaysAgo: rng.int(20, 900) })
    const senders = ctx.count('feeCollection.minPayers', 3, 5, 22)
    const window = ctx.span(ctx.knob('feeCollection.minDays', 1, 3), rng.chance(0.7) ? 7 : 25)
    const homes = us ? ['US'] : ['GB', 'DE', 'FR', 'NL', 'BE']
    const origins = us ? ['MX', 'GT', 'HN', 'SV'] : ['IQ', 'SY', 'IR', 'AF']
    const currency = us ? 'USD' : rng.pick(['EUR', 'EUR', 'GBP', 'USD'] as const)
    const drafts: Draft[] = []
    for (let i = 0; i < senders; i++) {
      // a third of the payers live in the origin countries, the rest are diaspora relatives across many cities
      const abroad = rng.chance(0.35)
      const sender = abroad ? ctx.party({ country: rng.pick(origins) }) : ctx.customer(rng.pick(homes)).party
      const payments = rng.chance(0.2) ? 2 : 1
      for (let k = 0; k < payments; k++) {
        const channel = rng.weighted([['money_transfer', 4], ['wire', 2], ['cash', 1], ['mobile_money', 1]] as const)
        drafts.push({
          ts: ctx.at(rng.int(0, window)), amount: ctx.fee(300, 2990), currency: abroad ? 'USD' : currency, channel, sender, receiver: collector,
          location: channel === 'money_transfer' || channel === 'cash' ? ctx.branch(sender.country ?? 'US', sender.city ?? 'Unknown') : undefined,
        })
      }
    }
    return { drafts }
  },
}

/**
 * R02: several apparently unrelated customers (different surnames, different towns) pay the same person, who is
 * not a relative, often in the senders' home country. The benign twin is a family remittance, where payer and
 * payee share a surname, and donations to charities, which are businesses.
 */
export const unrelatedSendersSameBeneficiary: Typology = {
  label: 'unrelated_senders_same_beneficiary',
  minDays: 5,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'DE', 'US', 'FR', 'IT', 'AU', 'CA'])
    const destination = rng.pick(HIGH_MIGRANT_ORIGIN)
    const beneficiary = ctx.party({ country: destination, openedDaysAgo: rng.int(30, 2000) })
    const senders = ctx.count('unrelatedSenders.minPayers', 2, 3, 9)
    const window = ctx.span(5, 30)
    const drafts: Draft[] = []
    for (let i = 0; i < senders; i++) {
      const sender = ctx.customer(home.code).party
      const channel = rng.weighted([['money_transfer', 3], ['wire', 2], ['mobile_money', 1]] as const)
      drafts.push({ ts: ctx.at(rng.int(0, window), 8, 21), amount: ctx.fee(500, 5500), currency: currencyOf(home.code), channel, sender, receiver: beneficiary })
    }
    return { drafts }
  },
}
