import { dayOfMonth, timeOn, weekday } from '../clock.ts'
import { innocentMemo, salaryReference } from '../memos.ts'
import { major, percentOf } from '../money.ts'
import type { Business, Person, Population } from '../population.ts'
import type { Rng } from '../prng.ts'
import type { Draft } from '../types.ts'

/**
 * Calendar-driven benign activity: payroll fan-out, rent, utility bills, savings sweeps, monthly family remittances
 * and the daily cash deposits of cash-heavy shops. These give the naive rules their false positives: an employer
 * pays hundreds of people at once, a utility is paid by thousands, a car wash deposits cash every day.
 */
export function scheduledDay(rng: Rng, pop: Population, day: number, dayMs: number, out: Draft[]): void {
  const dom = dayOfMonth(dayMs)
  for (const p of pop.persons) {
    if (p.activeFromDay > day) continue
    monthlyItems(rng, p, dom, dayMs, out)
  }
  const wd = weekday(dayMs)
  if (wd !== 0) for (const slot of pop.byCountry.values()) for (const shop of slot.cashShops) cashShopDay(rng, pop, shop, dayMs, wd, out)
}

function monthlyItems(rng: Rng, p: Person, dom: number, dayMs: number, out: Draft[]): void {
  const ccy = p.currency
  if (p.employer && p.employer.payday === dom) {
    out.push({ ts: timeOn(rng, dayMs, 1, 6), amount: p.salary, currency: ccy, channel: 'ach', sender: p.employer.party, receiver: p.party, reference: salaryReference(dayMs), purpose: 'salary' })
  }
  if (p.landlord && p.rentDay === dom) {
    out.push({ ts: timeOn(rng, dayMs, 6, 22), amount: p.rent, currency: ccy, channel: rng.chance(0.8) ? 'ach' : 'wire', sender: p.party, receiver: p.landlord, reference: innocentMemo(rng, 'rent', 0.8) })
  }
  for (const bill of p.bills) {
    if (bill.day !== dom) continue
    out.push({ ts: timeOn(rng, dayMs, 0, 8), amount: bill.amount + rng.int(0, 900), currency: ccy, channel: 'ach', sender: p.party, receiver: bill.utility.party, reference: innocentMemo(rng, 'bill', 0.5) })
  }
  if (p.savings && p.savings.day === dom) {
    out.push({ ts: timeOn(rng, dayMs, 7, 23), amount: p.savings.amount, currency: ccy, channel: 'internal', sender: p.party, receiver: p.savings.account, reference: innocentMemo(rng, 'savings', 0.6) })
  }
  const r = p.remit
  if (r && (r.day === dom || (r.twice && (r.day + 14) % 28 === dom % 28))) {
    const amount = r.amount + major(rng.int(0, 40)) + rng.int(0, 99)
    const reference = innocentMemo(rng, 'remittance', 0.55)
    const ts = timeOn(rng, dayMs, 8, 20)
    if (r.viaMsb) {
      // paid in at a registered remitter, paid out the same day to the same named relative, minus the fee
      const msb = r.viaMsb
      out.push({ ts, amount, currency: ccy, channel: 'money_transfer', sender: p.party, receiver: msb.party, reference, location: { country: msb.country.code, city: msb.city, branch: msb.branch } })
      out.push({ ts: Math.min(ts + rng.int(600, 14_400) * 1000, dayMs + 86_399_000), amount: percentOf(amount, 100 - rng.int(1, 3)), currency: ccy, channel: 'money_transfer', sender: msb.party, receiver: r.relative, reference })
    } else {
      const channel = rng.chance(0.5) ? 'money_transfer' : rng.chance(0.7) ? 'wire' : 'mobile_money'
      out.push({ ts, amount, currency: ccy, channel, sender: p.party, receiver: r.relative, reference, location: channel === 'money_transfer' ? { country: p.country.code, city: p.city, branch: p.branch } : undefined })
    }
  }
}

function cashShopDay(rng: Rng, pop: Population, shop: Business, dayMs: number, wd: number, out: Draft[]): void {
  const ccy = shop.currency
  const deposits = rng.chance(0.15) ? 2 : 1
  for (let i = 0; i < deposits; i++) {
    const conductor = shop.staff.length > 0 ? rng.pick(shop.staff).party : shop.party
    // takings vary; a busy Saturday sometimes lands just under the cash threshold, once, not as a series
    const amount = rng.chance(0.012) ? major(rng.int(8500, 9950)) : major(rng.logInt(250, 6000)) + rng.int(0, 99)
    out.push({ ts: timeOn(rng, dayMs, 9, 18), amount, currency: ccy, channel: 'cash', sender: conductor, receiver: shop.party, location: { country: shop.country.code, city: shop.city, branch: shop.branch } })
  }
  if (wd === 5) {
    // weekly stock from a supplier takes part of the takings, so cash in is not followed by matching cash out
    const suppliers = pop.byCountry.get(shop.country.code)?.suppliers ?? []
    if (suppliers.length > 0) {
      out.push({ ts: timeOn(rng, dayMs, 9, 17), amount: major(rng.logInt(800, 9000)), currency: ccy, channel: rng.chance(0.7) ? 'wire' : 'ach', sender: shop.party, receiver: rng.pick(suppliers).party, reference: innocentMemo(rng, 'b2b', 0.7) })
    }
  }
}
