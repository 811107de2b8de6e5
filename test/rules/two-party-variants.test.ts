import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { DAY, HOUR, person, rulesOn, shippedPack } from './support/hand-made.ts'

// The two-party forms of R02, R04 and R23 in the shipped pack: what makes two payers, two agents or two
// beneficiaries a pattern is who pays whom (no shared surname, one country's customers, a business paying
// private persons), not a lower count.
let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})


describe('two-party variants', () => {
  it('unrelated-senders-pair: two unrelated customers in one country pay a person in a corridor country; siblings and strangers abroad do not', () => {
    const twoPayers = (a: ReturnType<typeof person>, b: ReturnType<typeof person>, to: ReturnType<typeof person>) =>
      screenAll(pack, [
        transfer(0, a.id, to.id, '3600', { currency: 'EUR', channel: 'wire', sender: a, receiver: to }),
        transfer(3 * DAY, b.id, to.id, '2200', { currency: 'EUR', channel: 'wire', sender: b, receiver: to }),
      ]).verdicts[1]!
    const beneficiary = person('tn', 'Aisha Ahmadi', 'TN', 'Sousse')
    const paid = twoPayers(person('a', 'Hugo Laurent', 'FR', 'Paris'), person('b', 'Camille Robert', 'FR', 'Nantes'), beneficiary)
    expect(rulesOn(paid)).toContain('unrelated-senders-pair')
    expect(paid.decision).toBe('review')
    // a son and a married daughter paying their mother: the son shares her surname, so one payer is left
    const mother = person('pk', 'Nasreen Malik', 'PK', 'Lahore')
    expect(rulesOn(twoPayers(person('c', 'Imran Malik', 'GB', 'Leeds'), person('d', 'Sana Qureshi', 'GB', 'Bradford'), mother))).not.toContain('unrelated-senders-pair')
    // two payers in two countries are no one institution's customers
    expect(rulesOn(twoPayers(person('e', 'Lea Robert', 'FR', 'Lyon'), person('f', 'Jonas Koch', 'DE', 'Berlin'), person('tn2', 'Omar Ben Ali', 'TN', 'Tunis')))).not.toContain('unrelated-senders-pair')
  })

  it('multi-location-payees: two strangers in corridor countries paid through two agents within hours; two relatives are not', () => {
    const sender = person('s', 'Mary Wilson', 'GB', 'Glasgow')
    const viaAgents = (first: ReturnType<typeof person>, second: ReturnType<typeof person>) =>
      screenAll(pack, [
        transfer(0, 's', first.id, '750', { currency: 'GBP', sender, receiver: first, location: { country: 'GB', city: 'Glasgow', branch: 'AGNT-GLA-15' } }),
        transfer(5 * HOUR, 's', second.id, '2290', { currency: 'GBP', sender, receiver: second, location: { country: 'GB', city: 'Glasgow', branch: 'AGNT-GLA-40' } }),
      ]).verdicts[1]!
    const hopped = viaAgents(person('sy', 'Ali Mahmoud', 'SY', 'Homs'), person('iq', 'Nour Barzani', 'IQ', 'Baghdad'))
    expect(rulesOn(hopped)).toContain('multi-location-payees')
    expect(hopped.decision).toBe('review')
    expect(rulesOn(viaAgents(person('iq2', 'Karim Wilson', 'IQ', 'Erbil'), person('sy2', 'Dana Wilson', 'SY', 'Aleppo')))).not.toContain('multi-location-payees')
  })

  it('fanout-offshore-pair: a business pays two new private persons in two corridor countries; a person doing the same is left to fanout-offshore', () => {
    const twoPayees = (payer: { id: string; name: string; type: 'person' | 'business'; country: string; city: string }) =>
      screenAll(pack, [
        transfer(0, payer.id, 'sy', '7850', { channel: 'wire', sender: payer, receiver: person('sy', 'Shadi Abdullah', 'SY', 'Qamishli') }),
        transfer(7 * DAY, payer.id, 'rs', '1611', { channel: 'wire', sender: payer, receiver: person('rs', 'Lukas Schmidt', 'RS', 'Subotica') }),
      ]).verdicts[1]!
    const business = twoPayees({ id: 'co', name: 'Walker Logistics LLC', type: 'business', country: 'US', city: 'Chicago' })
    expect(rulesOn(business)).toContain('fanout-offshore-pair')
    expect(business.decision).toBe('review')
    expect(rulesOn(twoPayees(person('p', 'James Walker', 'US', 'Chicago')))).not.toContain('fanout-offshore-pair')
  })

  it('fanout-offshore-pair: a payroll paying the same two workers abroad again is not flagged again', () => {
    const firm = { id: 'fw', name: 'Flores Harvest Contractors LLC', type: 'business' as const, country: 'US', city: 'Chicago' }
    const mx = person('mx', 'Maria Morales', 'MX', 'Reynosa')
    const bg = person('bg', 'Hannah Schmidt', 'BG', 'Svilengrad')
    const paydays = [0, 7, 14].flatMap((d) => [
      transfer(d * DAY, 'fw', 'mx', '270.36', { channel: 'wire', sender: firm, receiver: mx, reference: 'wages' }),
      transfer(d * DAY + 20, 'fw', 'bg', '506.63', { channel: 'wire', sender: firm, receiver: bg, reference: 'wages' }),
    ])
    const hits = screenAll(pack, paydays).verdicts.map((v) => rulesOn(v).includes('fanout-offshore-pair'))
    // the first payday is two new payees paid once each; the next paydays pay the same two again
    expect(hits).toEqual([false, true, false, false, false, false])
  })

  it('multi-location-beneficiary: one sender paying a stranger through two agents; a son paying his father does not count', () => {
    const viaTwo = (sender: ReturnType<typeof person>, to: ReturnType<typeof person>) =>
      screenAll(pack, [
        transfer(0, sender.id, to.id, '325', { currency: 'EUR', sender, receiver: to, location: { country: 'FR', city: 'Marseille', branch: 'AGNT-MRS-1' } }),
        transfer(9 * HOUR, sender.id, to.id, '261.36', { currency: 'EUR', sender, receiver: to, location: { country: 'FR', city: 'Marseille', branch: 'AGNT-MRS-7' } }),
      ]).verdicts[1]!
    expect(rulesOn(viaTwo(person('ar', 'Aisha Noor', 'FR', 'Marseille'), person('rj', 'Rebin Jaf', 'TN', 'Djerba')))).toContain('multi-location-beneficiary')
    expect(rulesOn(viaTwo(person('ar2', 'Aisha Rashid', 'FR', 'Marseille'), person('rr', 'Rebin Rashid', 'TN', 'Djerba')))).not.toContain('multi-location-beneficiary')
  })

  it('fanout-offshore: relatives sharing the sender\'s surname are not third parties', () => {
    const sender = person('sm', 'Shadi Mahmoud', 'DE', 'Stuttgart')
    const paid = (to: ReturnType<typeof person>[]) =>
      screenAll(pack, to.map((r, i) => transfer(i * 3 * DAY, 'sm', r.id, '640', { currency: 'EUR', channel: 'money_transfer', sender, receiver: r }))).verdicts.at(-1)!
    const family = [person('k', 'Karwan Mahmoud', 'SY', 'Damascus'), person('n', 'Nour Mahmoud', 'SY', 'Homs'), person('r', 'Rebin Mahmoud', 'IQ', 'Erbil')]
    expect(rulesOn(paid(family))).not.toContain('fanout-offshore')
    const strangers = [person('k2', 'Karwan Aziz', 'SY', 'Damascus'), person('n2', 'Nour Haddad', 'SY', 'Homs'), person('r2', 'Rebin Jaf', 'IQ', 'Erbil')]
    expect(rulesOn(paid(strangers))).toContain('fanout-offshore')
  })
})
