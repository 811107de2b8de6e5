import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { DAY, HOUR, person, rulesOn, shippedPack } from './support/hand-made.ts'

// dormant-reactivation tells a mule's waking account from the waking accounts of seasonal workers, students,
// travellers and pensioners (docs/data.md, waking_account) by who pays it and whom it pays, on hand-made records.
let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})

const holder = { ...person('me', 'Laura Cooper', 'GB', 'Leeds'), accountOpened: '2016-04-02' }
const business = (id: string, name: string, country: string) => ({ id, name, type: 'business' as const, country })
const credit = (at: number, from: ReturnType<typeof business> | ReturnType<typeof person>, amount: string) =>
  transfer(at, from.id, 'me', amount, { currency: 'GBP', channel: 'wire', sender: from, receiver: holder })
const pay = (at: number, to: ReturnType<typeof person>, amount: string, channel: 'wire' | 'crypto' = 'wire') =>
  transfer(at, 'me', to.id, amount, { currency: channel === 'crypto' ? 'USDT' : 'GBP', channel, sender: holder, receiver: to })
const hitOnLast = (records: ReturnType<typeof transfer>[]) => rulesOn(screenAll(pack, records).verdicts.at(-1)!).includes('dormant-reactivation')

describe('dormant-reactivation: a waking account passing unrelated payers\' money to third parties abroad', () => {
  it('a mule: two companies it never dealt with pay 60,000, and 90 % goes within three days to people in three countries', () => {
    expect(hitOnLast([
      credit(0, business('ae', 'Gulf Metals LLC', 'AE'), '40000'),
      credit(2 * HOUR, business('tr', 'Anka Tekstil AS', 'TR'), '20000'),
      pay(DAY, person('p1', 'Ali Kaya', 'AT', 'Graz'), '24000'),
      pay(2 * DAY, person('p2', 'Nikos Pappas', 'GR', 'Thessaloniki'), '18000'),
      pay(3 * DAY, person('p3', 'Tom Reed', 'GB', 'Dover'), '12000'),
    ])).toBe(true)
  })

  it('records without countries or names (AMLworld, AMLSim): a quiet account passing on a large credit still counts', () => {
    const bare = (id: string) => ({ id, account: id })
    expect(hitOnLast([
      transfer(0, 'a', 'b', '16000', { channel: 'ach', sender: bare('a'), receiver: bare('b') }),
      transfer(DAY, 'b', 'c', '15200', { channel: 'ach', sender: bare('b'), receiver: bare('c') }),
    ])).toBe(true)
  })

  it('a seasonal worker: wages sent home to a partner and a friend of other surnames, all in one country', () => {
    expect(hitOnLast([
      credit(0, business('farm', 'Valley Farms Ltd', 'GB'), '15000'),
      pay(3 * DAY, person('w', 'Anna Nowak', 'PL', 'Rzeszow'), '10500'),
      pay(4 * DAY, person('f', 'Piotr Wojcik', 'PL', 'Rzeszow'), '2500'),
    ])).toBe(false)
  })

  it('back from a long trip: a car sold, another bought from a private seller, the friend abroad paid back', () => {
    expect(hitOnLast([
      credit(0, person('buyer', 'Mark Allen', 'GB', 'York'), '20000'),
      pay(2 * DAY, person('seller', 'Gary Hughes', 'GB', 'Hull'), '14000'),
      pay(3 * DAY, person('friend', 'Somchai Wong', 'TH', 'Chiang Mai'), '4000'),
    ])).toBe(false)
  })

  it('a student: parents sharing the surname send the term\'s money, passed on to others abroad all the same', () => {
    expect(hitOnLast([
      credit(0, person('mum', 'Priya Cooper', 'IN', 'Pune'), '18000'),
      pay(2 * DAY, person('x', 'Ravi Shah', 'IN', 'Pune'), '8000'),
      pay(3 * DAY, person('y', 'Ali Khan', 'AE', 'Dubai'), '7000'),
    ])).toBe(false)
  })

  it('a stablecoin trader: crypto flows are the crypto rules\' business', () => {
    const wallet = (id: string) => ({ id, name: id, type: 'person' as const, country: 'TR' })
    expect(hitOnLast([
      transfer(0, 'w1', 'me', '30000', { currency: 'USDT', channel: 'crypto', sender: wallet('w1'), receiver: holder }),
      pay(DAY, person('b1', 'Emre Celik', 'TR', 'Istanbul'), '15000', 'crypto'),
      pay(DAY + HOUR, person('b2', 'Omar Said', 'AE', 'Dubai'), '14000', 'crypto'),
    ])).toBe(false)
  })
})
