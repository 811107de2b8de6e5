import { timeOn } from '../clock.ts'
import { innocentMemo } from '../memos.ts'
import { major } from '../money.ts'
import type { Business, Person, Population } from '../population.ts'
import type { Rng } from '../prng.ts'
import type { Draft } from '../types.ts'

type Activity = 'card' | 'p2p' | 'atm' | 'cashIn' | 'crypto' | 'b2b' | 'purchase' | 'gift' | 'donation'

const MIX: readonly (readonly [Activity, number])[] = [
  ['card', 46], ['p2p', 14], ['atm', 9], ['cashIn', 3], ['crypto', 4], ['b2b', 5], ['purchase', 1.2], ['gift', 2.5], ['donation', 1],
]

/**
 * Unscheduled benign activity that fills the day up to its record budget: card payments at shops (legitimate
 * fan-in to merchants, including merchants in border towns), transfers between friends, ATM withdrawals, cash paid
 * in, legitimate USDT trading, supplier invoices, one-off large purchases just under the thresholds, gifts to family
 * abroad and donations to foreign charities by many unrelated people.
 */
export function everydayDrafts(rng: Rng, pop: Population, day: number, dayMs: number, count: number, out: Draft[]): void {
  const pool = pop.counterparties
  for (let i = 0; i < count; i++) {
    if (pool && rng.chance(pool.share)) {
      out.push(pool.transfer(rng, dayMs))
      continue
    }
    const p = activePerson(rng, pop, day)
    const d = oneActivity(rng, pop, p, rng.weighted(MIX), day, dayMs) ?? cardPayment(rng, pop, p, dayMs)
    out.push(d)
  }
}

function activePerson(rng: Rng, pop: Population, day: number): Person {
  for (;;) {
    const p = rng.pick(pop.persons)
    if (p.activeFromDay <= day) return p
  }
}

function oneActivity(rng: Rng, pop: Population, p: Person, kind: Activity, day: number, dayMs: number): Draft | undefined {
  const slot = pop.byCountry.get(p.country.code)!
  const ccy = p.currency
  switch (kind) {
    case 'card':
      return cardPayment(rng, pop, p, dayMs)
    case 'p2p': {
      const friend = activePerson(rng, pop, day)
      if (friend === p || friend.country !== p.country) return undefined
      const channel = rng.weighted([['ach', 3], ['mobile_money', 3], ['wire', 1]] as const)
      return { ts: timeOn(rng, dayMs, 7, 24), amount: major(rng.logInt(5, 600)) + rng.int(0, 99), currency: ccy, channel, sender: p.party, receiver: friend.party, reference: innocentMemo(rng, 'p2p', 0.7), device: channel === 'mobile_money' ? { id: p.device } : undefined }
    }
    case 'atm':
      return { ts: timeOn(rng, dayMs, 6, 24), amount: major(rng.pick([20, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500])), currency: ccy, channel: 'cash', sender: p.party, receiver: p.party, purpose: 'cash withdrawal', location: { country: p.country.code, city: p.city, branch: p.branch } }
    case 'cashIn':
      // tips, market stalls, cash wages: paid in by the holder at the home branch
      return { ts: timeOn(rng, dayMs, 9, 17), amount: major(rng.logInt(50, 3500)), currency: ccy, channel: 'cash', sender: p.party, receiver: p.party, location: { country: p.country.code, city: p.city, branch: p.branch } }
    case 'crypto':
      return cryptoTrade(rng, pop, dayMs)
    case 'b2b': {
      const payers: Business[] = [...slot.merchants, ...slot.cashShops]
      if (payers.length === 0 || slot.suppliers.length === 0) return undefined
      // invoices sometimes land just under 10,000 by the nature of the goods; one-offs, not a series
      const amount = rng.chance(0.04) ? major(rng.int(9000, 9990)) : major(rng.logInt(300, 45_000))
      return { ts: timeOn(rng, dayMs, 8, 18), amount, currency: ccy, channel: rng.chance(0.6) ? 'wire' : 'ach', sender: rng.pick(payers).party, receiver: rng.pick(slot.suppliers).party, reference: innocentMemo(rng, 'b2b', 0.8) }
    }
    case 'purchase': {
      if (slot.merchants.length === 0) return undefined
      // a used car, a term of school fees, a boat deposit: single payments just under 10,000 or 3,000
      const amount = rng.chance(0.5) ? major(rng.int(8000, 9950)) : major(rng.int(2400, 2990))
      return { ts: timeOn(rng, dayMs, 9, 19), amount, currency: ccy, channel: rng.chance(0.8) ? 'wire' : 'cheque', sender: p.party, receiver: rng.pick(slot.merchants).party, reference: innocentMemo(rng, 'purchase', 0.9) }
    }
    case 'gift': {
      if (!p.remit) return undefined
      return { ts: timeOn(rng, dayMs, 8, 22), amount: major(rng.logInt(100, 3000)), currency: ccy, channel: rng.chance(0.6) ? 'money_transfer' : 'wire', sender: p.party, receiver: p.remit.relative, reference: innocentMemo(rng, 'remittance', 0.7), location: { country: p.country.code, city: p.city, branch: p.branch } }
    }
    case 'donation': {
      const to = p.remit?.relative.country
      const charities = to ? pop.charities.get(to) : undefined
      if (!charities) return undefined
      return { ts: timeOn(rng, dayMs, 8, 22), amount: major(rng.logInt(20, 1500)), currency: ccy, channel: rng.chance(0.5) ? 'wire' : 'money_transfer', sender: p.party, receiver: rng.pick(charities), reference: innocentMemo(rng, 'remittance', 0.5) }
    }
  }
}

function cardPayment(rng: Rng, pop: Population, p: Person, dayMs: number): Draft {
  const slot = pop.byCountry.get(p.country.code)!
  // mostly the local shops of the person's own city: small businesses with many customers
  const local = slot.merchants.length > 0 ? rng.pick(slot.merchants) : undefined
  const receiver = local ?? rng.pick(pop.businesses)
  return { ts: timeOn(rng, dayMs, 7, 23.5), amount: major(rng.logInt(2, 250)) + rng.int(0, 99), currency: p.currency, channel: 'card', sender: p.party, receiver: receiver.party, location: { country: receiver.country.code, city: receiver.city } }
}

function cryptoTrade(rng: Rng, pop: Population, dayMs: number): Draft | undefined {
  if (pop.walletHolders.length === 0) return undefined
  const holder = rng.pick(pop.walletHolders)
  const wallet = holder.wallet!
  const exchange = rng.pick(pop.exchanges)
  const amount = major(rng.logInt(20, 8000)) + rng.int(0, 99)
  const ts = timeOn(rng, dayMs, 0, 24)
  const r = rng.float()
  if (r < 0.45) return { ts, amount, currency: 'USDT', channel: 'crypto', sender: exchange.party, receiver: wallet, reference: undefined }
  if (r < 0.8) return { ts, amount, currency: 'USDT', channel: 'crypto', sender: wallet, receiver: exchange.party }
  const other = rng.pick(pop.walletHolders).wallet!
  return other === wallet ? undefined : { ts, amount, currency: 'USDT', channel: 'crypto', sender: wallet, receiver: other }
}
