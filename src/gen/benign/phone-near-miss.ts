import { DIAL_PREFIX } from '../geography.ts'
import { major } from '../money.ts'
import type { PlantContext } from '../typologies/context.ts'
import type { Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

/** the country whose dialling prefix starts an E.164 number (longest prefix first) */
function countryOfPhone(e164: string): string | undefined {
  let best: [string, string] | undefined
  for (const [country, prefix] of Object.entries(DIAL_PREFIX)) {
    if (e164.startsWith(`+${prefix}`) && (!best || prefix.length > best[1].length)) best = [country, prefix]
  }
  return best?.[0]
}

/** the number with one subscriber digit changed */
function oneDigitAway(ctx: PlantContext, e164: string, prefixLength: number): string {
  const chars = [...e164]
  const at = ctx.rng.int(1 + prefixLength + 1, chars.length - 1)
  const digit = Number(chars[at])
  chars[at] = String((digit + ctx.rng.int(1, 9)) % 10)
  return chars.join('')
}

/**
 * A customer abroad whose phone number differs by one digit from a number on the indicator list, paid by
 * relatives or friends in the ordinary way. Exact matching on digits leaves them alone; a fuzzy phone match does not.
 */
function episode(ctx: PlantContext, phones: readonly string[]): Draft[] {
  const rng = ctx.rng
  if (phones.length === 0) return []
  const listed = rng.pick(phones)
  const country = countryOfPhone(listed)
  if (!country) return []
  const phone = oneDigitAway(ctx, listed, DIAL_PREFIX[country]!.length)
  const me = newPerson(ctx, { country, phone })
  const drafts: Draft[] = []
  for (const payer of distinctCustomers(ctx, rng.int(1, 4))) {
    drafts.push({ ts: ctx.at(rng.int(0, ctx.days - 1), 8, 22), amount: major(rng.logInt(40, 1500)) + rng.int(0, 99), currency: payer.currency, channel: rng.pick(['money_transfer', 'wire', 'mobile_money'] as const), sender: payer.party, receiver: me, reference: rng.pick(['family', 'gift', 'for you', undefined]) })
  }
  return drafts
}

export const phoneNearMiss: BenignFamily = {
  name: 'phone_near_miss',
  summary: 'people abroad whose phone is one digit away from a number on the indicator list, receiving ordinary transfers: contact indicator (fuzzy)',
  share: 0.002,
  minDays: 2,
  maxDays: 30,
  start({ indicatorPhones }) {
    return (ctx) => episode(ctx, indicatorPhones())
  },
}
