import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { DAY, HOUR, person, rulesOn, shippedPack } from './support/hand-made.ts'

// Issue 17 (session fa30): benign populations our generator did not make before. A private landlord's tenants pay
// the same rents every month (a standing relationship, not payers gathered for a fee), and a big family abroad,
// most of it sharing the beneficiary's surname, pays one relative for a funeral (relatives, not unrelated senders).
let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})

const RENTS = ['650', '720', '810', '905', '980', '1040', '1125', '1190', '1260', '1330', '1410', '1495']

describe('fan-in and fanin-collector-30d count payers new to the beneficiary', () => {
  const landlord = person('ll', 'Graham Holt', 'GB', 'Leeds')
  const tenant = (i: number) => person(`t${i}`, `Tenant${i} Surname${i}`, 'GB', 'Leeds')
  const month = (m: number) => RENTS.map((rent, i) => transfer(m * 30 * DAY + i * 9 * HOUR, `t${i}`, 'll', rent, { currency: 'GBP', channel: 'ach', sender: tenant(i), receiver: landlord }))

  it('twelve tenants paying the same rents as the months before raise neither rule', () => {
    // 30-day fan-in over a 60-day window: the third month is the first whose 30 days all lie after a month seen
    const { verdicts } = screenAll(pack, [...month(0), ...month(1), ...month(2)])
    for (const v of verdicts.slice(RENTS.length)) expect(rulesOn(v)).not.toContain('fan-in')
    for (const v of verdicts.slice(2 * RENTS.length)) expect(rulesOn(v)).not.toContain('fanin-collector-30d')
  })

  it('twelve new payers of fee-sized sums within days still raise both', () => {
    const collector = person('c', 'Karim Haddad', 'FR', 'Calais')
    const payers = RENTS.map((fee, i) => transfer(i * 6 * HOUR, `p${i}`, 'c', fee, { currency: 'EUR', channel: 'money_transfer', sender: person(`p${i}`, `Payer${i} Family${i}`, 'GB', 'London'), receiver: collector }))
    const last = rulesOn(screenAll(pack, payers).verdicts.at(-1)!)
    expect(last).toContain('fan-in')
    expect(last).toContain('fanin-collector-30d')
  })

  it('the same twelve new payers after a month of other, standing payers: still raised', () => {
    const collector = person('c2', 'Karim Haddad', 'FR', 'Calais')
    const before = RENTS.slice(0, 3).map((rent, i) => transfer(i * HOUR, `s${i}`, 'c2', rent, { currency: 'EUR', channel: 'wire', sender: person(`s${i}`, `Old${i} Friend${i}`, 'FR', 'Lille'), receiver: collector }))
    const payers = RENTS.map((fee, i) => transfer(25 * DAY + i * 6 * HOUR, `q${i}`, 'c2', fee, { currency: 'EUR', channel: 'money_transfer', sender: person(`q${i}`, `Payer${i} Family${i}`, 'GB', 'London'), receiver: collector }))
    const last = rulesOn(screenAll(pack, [...before, ...payers]).verdicts.at(-1)!)
    expect(last).toContain('fan-in')
    expect(last).toContain('fanin-collector-30d')
  })
})

describe('fan-in reads the amounts of its 5 days, not of its look-back', () => {
  it('a savings club\'s round of equal sums after a month of varied payments is not flagged', () => {
    const member = person('k', 'Grace Mensah', 'GB', 'London')
    const earlier = Array.from({ length: 10 }, (_, i) => transfer(i * 2 * DAY, `e${i}`, 'k', String(610 + i * 37), { currency: 'GBP', channel: 'wire', sender: person(`e${i}`, `Friend${i} Other${i}`, 'GB', 'Leeds'), receiver: member }))
    const round = Array.from({ length: 8 }, (_, i) => transfer(26 * DAY + i * 5 * HOUR, `c${i}`, 'k', '700', { currency: 'GBP', channel: 'ach', sender: person(`c${i}`, `Member${i} Club${i}`, 'GB', 'London'), receiver: member }))
    const { verdicts } = screenAll(pack, [...earlier, ...round])
    for (const v of verdicts.slice(earlier.length)) expect(rulesOn(v)).not.toContain('fan-in')
  })
})

describe('unrelated-senders: payers most of whom share the beneficiary\'s surname are its family', () => {
  const mother = person('m', 'Amina Farah', 'PK', 'Lahore')
  const from = (i: number, surname: string, country: string, city: string) =>
    transfer(i * 5 * HOUR, `f${i}`, 'm', '600', { channel: 'money_transfer', sender: person(`f${i}`, `Kin${i} ${surname}`, country, city), receiver: mother })

  it('five children and two married daughters abroad pay their mother for a funeral: not flagged', () => {
    const records = [
      from(0, 'Farah', 'GB', 'Bradford'), from(1, 'Farah', 'GB', 'Leeds'), from(2, 'Farah', 'DE', 'Berlin'), from(3, 'Farah', 'US', 'Houston'),
      from(4, 'Farah', 'GB', 'London'), from(5, 'Malik', 'GB', 'Manchester'), from(6, 'Qureshi', 'CA', 'Toronto'), from(7, 'Butt', 'AE', 'Dubai'),
    ]
    for (const v of screenAll(pack, records).verdicts) expect(rulesOn(v)).not.toContain('unrelated-senders')
  })

  it('the same family paying 500-1,800 within four days raises no fan-in either', () => {
    const pay = (i: number, surname: string, country: string, amount: string) =>
      transfer(i * 11 * HOUR, `g${i}`, 'm', amount, { channel: 'money_transfer', sender: person(`g${i}`, `Kin${i} ${surname}`, country, 'City'), receiver: mother })
    const records = [
      pay(0, 'Farah', 'GB', '900'), pay(1, 'Farah', 'GB', '1250'), pay(2, 'Farah', 'DE', '700'), pay(3, 'Farah', 'US', '1800'),
      pay(4, 'Farah', 'GB', '500'), pay(5, 'Malik', 'GB', '650'), pay(6, 'Qureshi', 'CA', '1100'), pay(7, 'Butt', 'AE', '820'),
    ]
    for (const v of screenAll(pack, records).verdicts) expect(rulesOn(v)).not.toContain('fan-in')
  })

  it('four strangers of four surnames and one relative: still flagged', () => {
    const records = [from(0, 'Farah', 'GB', 'Bradford'), from(1, 'Malik', 'GB', 'Leeds'), from(2, 'Qureshi', 'GB', 'London'), from(3, 'Butt', 'GB', 'Luton'), from(4, 'Chaudhry', 'GB', 'Slough')]
    expect(rulesOn(screenAll(pack, records).verdicts.at(-1)!)).toContain('unrelated-senders')
  })
})
