import type { Party } from '../../core/record/schema.ts'
import { HIGH_MIGRANT_ORIGIN, TRANSIT } from '../geography.ts'
import { emailAddress, phoneNumber } from '../parties.ts'
import type { Rng } from '../prng.ts'
import type { Draft } from '../types.ts'
import { currencyOf, type Indicator, type Typology } from './context.ts'

/** the same number as people write it: E.164, with spaces, or with 00 for + */
export function phoneVariant(rng: Rng, e164: string): string {
  const r = rng.float()
  if (r < 0.7) return e164
  if (r < 0.85) return `${e164.slice(0, 3)} ${e164.slice(3, 7)} ${e164.slice(7)}`
  return `00${e164.slice(1)}`
}

/**
 * R21: three to six parties with different names, in different towns, share one phone number, email address or
 * device. Households share identifiers too (two people with one surname), which is why the rule needs three
 * parties who are not obviously related.
 */
export const sharedIdentifiers: Typology = {
  label: 'shared_identifiers',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const home = ctx.home(['GB', 'DE', 'US', 'FR', 'IT', 'NL', 'AU'])
    const kind = rng.weighted([['phone', 2], ['email', 1], ['device', 1]] as const)
    const phone = phoneNumber(rng, rng.chance(0.6) ? home.code : rng.pick(['TR', 'IQ', 'LY', 'MX']))
    const email = emailAddress(rng, rng.pick(['travel', 'info', 'safe', 'help', 'ali', 'k']), rng.pick(['agency', 'service', 'trans', 'xpress', '77']))
    const device = `dev-${rng.hex(12)}`
    const parties: Party[] = []
    for (let i = 0, n = ctx.count('sharedIdentifiers.minParties', 2, 3, 6); i < n; i++) {
      parties.push(ctx.party({ country: home.code, region: rng.pick(['anglo', 'arabic', 'hispanic', 'southasian', 'turkish']), phone: kind === 'phone' ? phoneVariant(rng, phone) : undefined, email: kind === 'email' ? email : undefined, openedDaysAgo: rng.int(5, 900) }))
    }
    const common = rng.chance(0.5) ? ctx.party({ country: rng.pick([...TRANSIT, ...HIGH_MIGRANT_ORIGIN]) }) : undefined
    const window = ctx.span(1, 30)
    const drafts: Draft[] = []
    for (const p of parties) {
      for (let k = 0, n = rng.int(1, 3); k < n; k++) {
        const receiver = common ?? ctx.party({ country: rng.pick([...TRANSIT, ...HIGH_MIGRANT_ORIGIN]) })
        drafts.push({ ts: ctx.at(rng.int(0, window), 7, 23), amount: ctx.fee(150, 4000, 0.4), currency: currencyOf(home.code), channel: rng.weighted([['mobile_money', 2], ['money_transfer', 2], ['wire', 1]] as const), sender: p, receiver, device: kind === 'device' ? { id: device } : undefined })
      }
    }
    return { drafts }
  },
}

const AD_NOTES = [
  'advert offering crossings to the UK, social media group',
  'advert: "Italy by boat, price on request", messaging app',
  'advert for "guaranteed" travel to Europe, payment through an office',
  'referral: number used by a facilitator on the Balkan route',
  'advert: border crossing, payment in USDT accepted',
  'post in a migrants group offering lorry passage',
]

/**
 * R32: a party whose phone, social-media handle, email or wallet appears on an intelligence indicator list
 * (adverts for smuggling services) receives payments. The indicator is written to indicators.csv; the record may
 * write the same phone number in another format.
 */
export const adContactMatch: Typology = {
  label: 'ad_contact_match',
  minDays: 2,
  plant(ctx) {
    const rng = ctx.rng
    const kind = rng.weighted([['phone', 4], ['handle', 2], ['wallet', 2], ['email', 1]] as const)
    const country = rng.pick(['LY', 'TR', 'FR', 'RS', 'MX', 'IQ', 'GR'])
    const source = rng.pick(['osint-ad', 'osint-ad', 'le-referral'])
    const note = rng.pick(AD_NOTES)
    const window = ctx.span(1, 14)
    const drafts: Draft[] = []
    let contact: Party
    let indicator: Indicator
    if (kind === 'wallet') {
      contact = ctx.party({ country, wallet: true, phone: false })
      indicator = { type: 'wallet', value: contact.account!, source, note }
    } else if (kind === 'phone') {
      const phone = phoneNumber(rng, country)
      contact = ctx.party({ country, phone: phoneVariant(rng, phone) })
      indicator = { type: 'phone', value: phone, source, note }
    } else if (kind === 'handle') {
      const handle = `@${rng.pick(['safe', 'euro', 'uk', 'italia', 'border', 'travel'])}_${rng.pick(['trip', 'passage', 'road', 'way', 'boat'])}${rng.int(1, 999)}`
      contact = ctx.party({ country, handle })
      indicator = { type: 'handle', value: handle, source, note }
    } else {
      const email = emailAddress(rng, rng.pick(['trip', 'travel', 'passage']), rng.pick(['europe', 'uk', 'italia']))
      contact = ctx.party({ country, email })
      indicator = { type: 'email', value: email, source, note }
    }
    for (let i = 0, n = ctx.count('adContact.minPayments', 1, 2, 6); i < n; i++) {
      if (kind === 'wallet') {
        const payer = ctx.pop.walletHolders.length > 0 ? rng.pick(ctx.pop.walletHolders).wallet! : ctx.party({ country: 'GB', wallet: true, phone: false })
        drafts.push({ ts: ctx.at(rng.int(0, window), 0, 24), amount: ctx.fee(500, 6000), currency: 'USDT', channel: 'crypto', sender: payer, receiver: contact })
      } else {
        const payer = ctx.customer()
        drafts.push({ ts: ctx.at(rng.int(0, window), 8, 22), amount: ctx.fee(400, 5000), currency: payer.currency, channel: rng.weighted([['money_transfer', 3], ['wire', 1], ['mobile_money', 2]] as const), sender: payer.party, receiver: contact })
      }
    }
    return { drafts, indicators: [indicator] }
  },
}
