import type { Party } from '../../core/record/schema.ts'
import { INNOCENT_PHRASES, type InnocentPhrase } from '../data/innocent-memo-phrases.ts'
import { HOME_COUNTRIES, citiesOf } from '../geography.ts'
import { major } from '../money.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Channel, Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

/**
 * References that share a word with the code words (boat, trip, crossing, passage, England, fuel, wages), each
 * with whom it is paid to and its amount range in major units.
 */
const MEMOS: readonly InnocentPhrase[] = [
  { text: 'boat trip', to: 'friend', lo: 20, hi: 250 },
  { text: 'boat trip share', to: 'friend', lo: 20, hi: 200 },
  { text: 'ferry tickets', to: 'business', lo: 60, hi: 900 },
  { text: 'ferry Dover-Calais', to: 'business', lo: 80, hi: 400 },
  { text: 'UK visa fee', to: 'relative', lo: 500, hi: 3200, countries: ['IQ', 'PK', 'NG', 'IN', 'BD', 'AL'] },
  { text: 'visa fee + flight', to: 'relative', lo: 800, hi: 3000, countries: ['IQ', 'PK', 'NG', 'TR', 'VN'] },
  { text: 'trip to England', to: 'relative', lo: 600, hi: 3000, countries: ['IQ', 'PK', 'AL', 'VN', 'NG'] },
  { text: 'fuel', to: 'friend', lo: 15, hi: 150 },
  { text: 'wages', to: 'friend', lo: 150, hi: 900 },
  { text: 'renta semana pasada', to: 'friend', lo: 100, hi: 450 },
  { text: 'pasaje de avion mama', to: 'relative', lo: 300, hi: 1500, countries: ['MX', 'GT', 'HN', 'SV'] },
  { text: 'viaje a Tijuana', to: 'friend', lo: 50, hi: 600 },
  { text: 'traghetto Napoli-Ischia', to: 'business', lo: 30, hi: 300 },
  { text: 'gita in barca', to: 'friend', lo: 20, hi: 200 },
  { text: 'billet traversée Corse', to: 'business', lo: 80, hi: 700 },
  { text: 'tiket kapal Bali', to: 'business', lo: 20, hi: 300 },
  { text: 'otobüs bileti', to: 'business', lo: 20, hi: 150 },
  { text: 'crossing fee ferry', to: 'business', lo: 40, hi: 400 },
  { text: 'passage booking', to: 'business', lo: 60, hi: 900 },
  { text: 'sailing club fees', to: 'business', lo: 100, hi: 1200 },
]

/** holiday places on transit coasts and islands, where tourists pay hotels, marinas and boat hire by card */
const RESORTS: readonly (readonly [string, string])[] = [
  ['TR', 'Bodrum'], ['TR', 'Antalya'], ['TR', 'Izmir'], ['TR', 'Istanbul'], ['GR', 'Kos'], ['GR', 'Lesbos'], ['GR', 'Athens'],
  ['HR', 'Split'], ['IT', 'Lampedusa'], ['TN', 'Djerba'], ['ID', 'Denpasar'], ['FR', 'Calais'], ['MX', 'Tijuana'], ['AL', 'Vlore'],
]
const RESORT_BUSINESS = ['Boat Hire', 'Marina', 'Yacht Charter', 'Hotel', 'Beach Resort', 'Dive Centre', 'Ferry Lines']
const CARD_MEMOS = ['boat hire', 'hotel 3 nights', 'yacht day trip', 'room + breakfast', 'boat rental', undefined, undefined]

function memoPayment(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  // half the time a reference in a corridor's language (data/innocent-memo-phrases.ts): fuel, boat hire, visa, wages
  const m = rng.chance(0.5) ? rng.pick(INNOCENT_PHRASES) : rng.pick(MEMOS)
  const [payer] = distinctCustomers(ctx, 1)
  if (!payer) return []
  const code = payer.country.code
  let receiver: Party
  let channel: Channel
  if (m.to === 'relative') {
    const country = rng.pick(m.countries ?? ['IQ'])
    receiver = payer.remit?.relative.country === country ? payer.remit.relative : newPerson(ctx, { country, surname: payer.surname, city: rng.pick(citiesOf(country)) })
    channel = rng.pick(['money_transfer', 'wire', 'mobile_money'] as const)
  } else if (m.to === 'business') {
    receiver = ctx.party({ country: rng.chance(0.7) ? code : rng.pick(HOME_COUNTRIES).code, type: 'business', name: `${rng.pick(['Channel', 'Island', 'Blue Sea', 'Coastal', 'Harbour'])} ${rng.pick(['Ferries', 'Travel', 'Tickets', 'Boats'])}` })
    channel = rng.pick(['card', 'wire', 'ach'] as const)
  } else {
    const [friend] = distinctCustomers(ctx, 1, code)
    receiver = friend && friend !== payer ? friend.party : newPerson(ctx, { country: code })
    channel = rng.pick(['ach', 'mobile_money', 'mobile_money'] as const)
  }
  const amount = major(rng.int(m.lo, m.hi)) + (rng.chance(0.5) ? 0 : rng.int(0, 99))
  return [{ ts: ctx.at(rng.int(0, ctx.days - 1), 7, 23), amount, currency: currencyOf(code), channel, sender: payer.party, receiver, reference: m.text }]
}

/** a tourist's card payments to a hotel, marina or boat-hire firm on a transit coast over a few days */
function holiday(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const [tourist] = distinctCustomers(ctx, 1)
  if (!tourist) return []
  const [country, city] = rng.pick(RESORTS)
  const drafts: Draft[] = []
  const firms = Array.from({ length: rng.int(1, 3) }, () => ctx.party({ country, city, type: 'business', name: `${city} ${rng.pick(RESORT_BUSINESS)}` }))
  const start = rng.int(0, Math.max(0, ctx.days - 4))
  for (let i = 0, n = rng.int(1, 6); i < n; i++) {
    drafts.push({ ts: ctx.at(start + rng.int(0, 3), 8, 23), amount: major(rng.logInt(40, 2500)) + rng.int(0, 99), currency: tourist.currency, channel: 'card', sender: tourist.party, receiver: rng.pick(firms), reference: rng.pick(CARD_MEMOS), location: { country, city } })
  }
  return drafts
}

export const innocentMemo: BenignFamily = {
  name: 'innocent_memo',
  summary: 'references that share words with code words ("boat trip", "ferry tickets", "UK visa fee", "fuel", "wages", "trip to England", "renta semana pasada"; half in the corridors\' languages: "yakıt parası", "viza për Angli", "tiền vé máy bay", "renta de lancha", "sewa kapal"), hotel and boat-hire card payments in transit countries: memo lexicon, corridor context, border zone',
  share: 0.012,
  minDays: 4,
  maxDays: 14,
  start() {
    return (ctx) => (ctx.rng.chance(0.6) ? memoPayment(ctx) : holiday(ctx))
  },
}
