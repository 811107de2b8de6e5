import { percentOf } from '../money.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type Typology } from './context.ts'

/**
 * R17 "guaranteed smuggling": relatives pay the fee to a money transfer shop or hawaladar, which holds it until
 * the migrant arrives (3 to 60 days) and then pays a third party, the smuggler, less its commission. The payee
 * is the same for several unrelated payers; the release sometimes carries an "OK" code.
 */
export const holdAndRelease: Typology = {
  label: 'hold_and_release',
  minDays: 5,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'GB', 'DE', 'NL', 'BE', 'IT'])
    const currency = currencyOf(home.code)
    const words = ['Express Transfer', 'Money Exchange', 'Travel & Transfer', 'Hawala Services', 'Mobile & Money']
    const town = rng.pick(home.cities)
    const msb = ctx.party({ country: home.code, city: town, type: 'msb', name: `${rng.pick(['Ranya', 'Kurdistan', 'Zagros', 'Al Noor', 'Crescent', 'Bridge'])} ${rng.pick(words)}`, openedDaysAgo: rng.int(200, 4000) })
    const payees = Array.from({ length: rng.chance(0.7) ? 1 : 2 }, () => ctx.borderParty(rng.pick(['TR', 'FR', 'LY', 'GR', 'RS', 'IQ'])))
    const payers = ctx.count('holdAndRelease.minPayers', 2, 3, 7)
    const drafts: Draft[] = []
    for (let i = 0; i < payers; i++) {
      const payer = ctx.customer(home.code).party
      const depositDay = rng.int(0, Math.min(5, ctx.days - 4))
      const fee = ctx.fee(1500, 10000, 0.7)
      drafts.push({ ts: ctx.at(depositDay, 9, 19), amount: fee, currency, channel: rng.chance(0.6) ? 'cash' : 'money_transfer', sender: payer, receiver: msb, location: ctx.branch(home.code, town, msb.institution) })
      const minHold = ctx.knob('holdAndRelease.minHold', 1, 3)
      const hold = Math.max(minHold, Math.min(ctx.days - 1 - depositDay, ctx.gap(minHold, 60)))
      drafts.push({ ts: ctx.at(depositDay + hold, 8, 22), amount: percentOf(fee, 100 - rng.int(1, 5)), currency, channel: rng.chance(0.7) ? 'money_transfer' : 'wire', sender: msb, receiver: rng.pick(payees), reference: rng.chance(0.3) ? rng.pick(['OK', 'ok', 'arrived', 'done']) : undefined })
    }
    return { drafts }
  },
}
