import type { Party } from '../../core/record/schema.ts'
import { borderCitiesOf } from '../geography.ts'
import { percentOf, splitExact } from '../money.ts'
import { convertMinor, payoutCurrency } from './fx.ts'
import { givenNames, regionOfSurname } from '../names.ts'
import type { Business, Person } from '../population.ts'
import type { Rng } from '../prng.ts'
import type { Draft } from '../types.ts'
import type { PlantContext, Typology } from './context.ts'

/** where the smuggler's contact is paid: transit countries and the destination */
const PAYEE_COUNTRIES = ['TR', 'GR', 'RS', 'BA', 'LY', 'FR', 'BE', 'IT', 'GB', 'DE', 'AL', 'ID']
/** release codes and nothing at all: the arrival is confirmed outside the payment (S16) */
const RELEASE = ['OK', 'ok', 'arrived', 'done', 'gayisht', 'wasal', 'tamam', undefined, undefined, undefined, undefined]

/** a reference naming the traveller as a relative writes it */
function naming(rng: Rng, given: string, surname: string): string | undefined {
  return rng.weighted([[`${given} ${surname}`, 3], [`for ${given}`, 2], [`${given} trip`, 1], [`${given} ${surname} + ${rng.int(1, 3)}`, 1], [`${given} safar`, 1], [undefined, 1]] as const)
}

/** a shop with ordinary business: a licensed remitter of the population, or a cash shop working as a hawaladar */
function shopIn(ctx: PlantContext, country: string): Business | undefined {
  const slot = ctx.pop.byCountry.get(country)
  if (!slot) return undefined
  const useCashShop = slot.cashShops.length > 0 && (slot.msbs.length === 0 || ctx.rng.chance(0.3))
  return useCashShop ? ctx.rng.pick(slot.cashShops) : slot.msbs.length > 0 ? ctx.rng.pick(slot.msbs) : undefined
}

/**
 * R17 as families use it: one or two relatives pay a fee of about 3,000-12,000 to a money-transfer shop or
 * hawaladar that also does ordinary business, with a reference naming the traveller. Days to weeks later (up to
 * about 60 days) the shop pays 93-98 % of it to someone who is neither the payer nor the traveller, in a transit
 * or destination country. One fee, one release: nothing repeats, so a count of fees per payee does not see it.
 * Now and then the release is in the payee's currency, or split in two payouts days apart.
 */
export const holdAndReleaseRelatives: Typology = {
  label: 'hold_and_release_relatives',
  minDays: 4,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'GB', 'DE', 'NL', 'BE', 'FR', 'IT'])
    const shop = shopIn(ctx, home.code) ?? shopIn(ctx, 'GB')!
    const relatives: Person[] = [ctx.customer(home.code)]
    if (rng.chance(0.4)) relatives.push(ctx.customer(home.code))
    const surname = relatives[0]!.surname
    const traveller = rng.pick(givenNames(regionOfSurname(surname)))
    const fee = ctx.fee(3000, 12_000, 0.6)
    const parts = relatives.length === 1 ? [fee] : splitExact(fee, [rng.int(4, 6), rng.int(4, 6)])
    const drafts: Draft[] = []
    // the fees come in while at least two days of the span remain, so the release is always days later
    let day = rng.int(0, Math.min(5, ctx.days - 4))
    for (const [i, amount] of parts.entries()) {
      const channel = rng.weighted([['cash', 6], ['money_transfer', 3], ['wire', 1]] as const)
      drafts.push({ ts: ctx.at(day, 9, 19), amount, currency: shop.currency, channel, sender: relatives[i]!.party, receiver: shop.party, reference: naming(rng, traveller, surname), location: channel === 'wire' ? undefined : { country: shop.country.code, city: shop.city, branch: shop.branch } })
      if (i + 1 < parts.length) day = Math.min(ctx.days - 3, day + rng.int(0, 5))
    }
    const hold = ctx.gap(ctx.knob('holdRelease.minHoldDays', 2, 5), 60)
    const payDay = Math.min(ctx.days - 1, day + hold)
    const country = rng.pick(PAYEE_COUNTRIES.filter((c) => c !== home.code))
    const border = borderCitiesOf(country)
    const payee: Party = ctx.party({ country, city: border.length > 0 && rng.chance(0.5) ? rng.pick(border) : undefined })
    const released = percentOf(fee, rng.int(93, 98))
    // variants the sources allow and the first presets left out (issue 17, hrr30): the release in the payee's
    // currency, converted at about the mid rate less a spread of up to 1.5 %; and the release split in two payouts
    // days apart, to the one payee or to a second person in the same country
    const variant = rng.weighted([['plain', 6], ['currency', 2], ['split', 2]] as const)
    const currency = variant === 'currency' && payoutCurrency(country) !== shop.currency ? payoutCurrency(country) : shop.currency
    const amount = currency === shop.currency ? released : convertMinor(released, shop.currency, currency, rng.int(985, 1000))
    const channel = rng.chance(0.6) ? 'money_transfer' : 'wire'
    if (variant !== 'split' || payDay + 1 >= ctx.days) {
      drafts.push({ ts: ctx.at(payDay, 8, 22), amount, currency, channel, sender: shop.party, receiver: payee, reference: rng.pick(RELEASE) })
      return { drafts }
    }
    const second: Party = rng.chance(0.5) ? payee : ctx.party({ country })
    const [a, b] = splitExact(amount, [rng.int(4, 7), rng.int(3, 6)])
    const secondDay = Math.min(ctx.days - 1, payDay + ctx.gap(1, 7))
    drafts.push({ ts: ctx.at(payDay, 8, 22), amount: a!, currency, channel, sender: shop.party, receiver: payee, reference: rng.pick(RELEASE) })
    drafts.push({ ts: ctx.at(secondDay, 8, 22), amount: b!, currency, channel, sender: shop.party, receiver: second, reference: rng.pick(RELEASE) })
    return { drafts }
  },
}
