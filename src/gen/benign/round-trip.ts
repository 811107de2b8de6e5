import type { Party } from '../../core/record/schema.ts'
import { citiesOf } from '../geography.ts'
import { major, percentOf, splitExact } from '../money.ts'
import { LEGAL_FORMS } from '../names.ts'
import { currencyOf, type PlantContext } from '../typologies/context.ts'
import type { Currency, Draft } from '../types.ts'
import type { BenignFamily } from './family.ts'
import { distinctCustomers, newPerson } from './people.ts'

const LOAN_MEMOS = ['loan', 'as agreed', 'paying you back', 'part payment', 'thanks for the loan', 'prestamo', 'pret', 'borç', 'qarz', undefined]
const POOL_MEMOS = ['for mum', 'my share', 'funeral costs', 'wedding share', 'care home', 'family fund', undefined]
const GROUP_COUNTRIES = ['GB', 'DE', 'NL', 'US', 'AE', 'FR', 'BE']
const GROUP_MEMOS = ['intercompany loan', 'IC settlement', 'management fee', 'cash pooling', 'dividend', 'recharge Q1', 'transfer pricing adj']

/** someone lends a relative or friend money; it comes back weeks later in one to four uneven parts */
function loan(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const [borrower, friend] = distinctCustomers(ctx, 2)
  if (!borrower) return []
  const code = borrower.country.code
  // half the time a relative with the same surname, elsewhere in the country
  const lender: Party = rng.chance(0.5) || !friend || friend.country.code !== code ? newPerson(ctx, { country: code, surname: borrower.surname, city: rng.pick(citiesOf(code)) }) : friend.party
  const currency = currencyOf(code)
  const principal = rng.chance(0.6) ? major(rng.int(1, 20) * 500) : major(rng.logInt(300, 9000)) + rng.int(0, 99)
  const back = percentOf(principal, rng.int(90, 110))
  const parts = splitExact(back, Array.from({ length: rng.int(1, 4) }, () => rng.int(1, 5)))
  const drafts: Draft[] = [{ ts: ctx.at(0, 8, 22), amount: principal, currency, channel: rng.chance(0.8) ? 'ach' : 'wire', sender: lender, receiver: borrower.party, reference: rng.pick(LOAN_MEMOS) }]
  let day = 0
  for (const amount of parts) {
    day += rng.int(7, 40)
    drafts.push({ ts: ctx.at(day, 8, 22), amount, currency, channel: rng.chance(0.7) ? 'ach' : 'mobile_money', sender: borrower.party, receiver: lender, reference: rng.pick(LOAN_MEMOS) })
  }
  return drafts
}

/** siblings pool money with one of them, who pays the shared cost and hands part back to one of them */
function pooled(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const [keeper] = distinctCustomers(ctx, 1)
  if (!keeper) return []
  const code = keeper.country.code
  const currency: Currency = currencyOf(code)
  const siblings = Array.from({ length: rng.int(2, 4) }, () => newPerson(ctx, { country: code, surname: keeper.surname, city: rng.pick(citiesOf(code)) }))
  const drafts: Draft[] = []
  let pool = 0
  for (const s of siblings) {
    const amount = major(rng.logInt(150, 2000)) + rng.int(0, 99)
    pool += amount
    drafts.push({ ts: ctx.at(rng.int(0, 6), 8, 22), amount, currency, channel: 'ach', sender: s, receiver: keeper.party, reference: rng.pick(POOL_MEMOS) })
  }
  const later = rng.int(5, 30)
  const payee = keeper.remit?.relative ?? ctx.party({ country: code, type: 'business', name: `${rng.pick(['St Mary', 'Green Lawn', 'Oak House', 'Riverside'])} ${rng.pick(['Care Home', 'Funeral Services', 'Hall Hire'])}` })
  drafts.push({ ts: ctx.at(later, 8, 20), amount: percentOf(pool, rng.int(55, 100)), currency, channel: payee.country === code ? 'ach' : 'money_transfer', sender: keeper.party, receiver: payee, reference: rng.pick(POOL_MEMOS) })
  if (rng.chance(0.5)) drafts.push({ ts: ctx.at(later + rng.int(1, 20), 8, 22), amount: percentOf(pool, rng.int(5, 30)), currency, channel: 'ach', sender: keeper.party, receiver: rng.pick(siblings), reference: 'your change back' })
  return drafts
}

/** companies of one group move money between them: round sums out, uneven sums back, weeks apart, in any order */
function intraGroup(ctx: PlantContext): Draft[] {
  const rng = ctx.rng
  const stem = rng.pick(['Nordic', 'Atlas', 'Crescent', 'Harbour', 'Sterling', 'Meridian', 'Apex', 'Lindon'])
  const members = Array.from({ length: rng.int(2, 4) }, (_, i) => {
    const country = i === 0 ? rng.pick(['GB', 'DE', 'NL', 'US']) : rng.pick(GROUP_COUNTRIES)
    const form = LEGAL_FORMS[country]?.[0] ?? 'FZE'
    return ctx.party({ country, type: 'business', name: `${stem} ${i === 0 ? 'Holdings' : rng.pick(['Trading', 'Logistics', 'Services', 'Properties', 'Manufacturing'])} ${form}`, openedDaysAgo: rng.int(1000, 9000) })
  })
  const currency: Currency = rng.pick(['EUR', 'USD', 'GBP'])
  const drafts: Draft[] = []
  let amount = major(rng.int(4, 50) * 5000)
  for (let hop = 0; hop < members.length; hop++) {
    const from = members[hop]!
    const to = members[(hop + 1) % members.length]!
    // each hop's day is drawn on its own, so the money does not always leave after it arrived
    drafts.push({ ts: ctx.at(rng.int(0, ctx.days - 1), 9, 17), amount, currency, channel: 'wire', sender: from, receiver: to, reference: rng.pick(GROUP_MEMOS) })
    amount = Math.max(major(500), Math.floor((amount * rng.int(30, 140)) / 100) + rng.int(0, 99))
  }
  return drafts
}

export const ordinaryRoundTrip: BenignFamily = {
  name: 'ordinary_round_trip',
  summary: 'money that goes round for ordinary reasons: loans between relatives repaid in uneven parts weeks later, pooled family money, intra-group company transfers: cycle',
  share: 0.006,
  minDays: 10,
  maxDays: 90,
  start() {
    return (ctx) => {
      const kind = ctx.rng.weighted([['loan', 5], ['pooled', 3], ['group', 2]] as const)
      return kind === 'loan' ? loan(ctx) : kind === 'pooled' ? pooled(ctx) : intraGroup(ctx)
    }
  },
}
