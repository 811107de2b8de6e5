import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { DAY, HOUR, person, rulesOn, shippedPack } from './support/hand-made.ts'

// Issue 17, session stack30: a thin stack (one payer and one payee a layer, each holding the money days before
// paying most of it on) and a funded burst (money in, then many payments out within hours, the sum conserved),
// against the hard negatives that look like them: a crew leader paid by a client who pays his crew, a tenant
// collecting rent and paying a landlord.

let pack: CompiledRuleset
beforeAll(async () => {
  pack = await shippedPack()
})

const wire = { channel: 'wire' as const }
const source = person('s', 'Karim Haddad', 'GB', 'London')
const l1 = person('l1', 'Jan de Vries', 'NL', 'Utrecht')
const l2 = person('l2', 'Ayse Demir', 'TR', 'Izmir')
const l3 = person('l3', 'Marc Dubois', 'FR', 'Lyon')
const end = person('e', 'Li Wei', 'AE', 'Dubai')

describe('thin stacks', () => {
  it('layering-chain: money held five to six days by each of three accounts and passed on, 8 % less each time, is layering at the fourth hop', () => {
    const { verdicts } = screenAll(pack, [
      transfer(0, 's', 'l1', '24000', { ...wire, sender: source, receiver: l1 }),
      transfer(5 * DAY, 'l1', 'l2', '22080', { ...wire, sender: l1, receiver: l2 }),
      transfer(11 * DAY, 'l2', 'l3', '20313.60', { ...wire, sender: l2, receiver: l3 }),
      transfer(16 * DAY, 'l3', 'e', '18688.51', { ...wire, sender: l3, receiver: end }),
    ])
    // three hops days apart are everyday life (see the rent below); a third account passing it on is not
    expect(rulesOn(verdicts[2]!)).not.toContain('layering-chain')
    expect(rulesOn(verdicts[3]!)).toContain('layering-chain')
    expect(verdicts[3]!.decision).not.toBe('clear')
  })

  it('layering-chain: rent collected by a tenant, paid to a landlord who pays the mortgage, month after month, is not', () => {
    const tenant = person('t', 'Anna Kowalska', 'GB', 'Leeds')
    const flatmate = person('f', 'Tom Smith', 'GB', 'Leeds')
    const landlord = person('ll', 'Peter Green', 'GB', 'York')
    const bank = { id: 'bank', name: 'Northern Mortgages Ltd', type: 'business' as const, country: 'GB' }
    const records = []
    for (let m = 0; m < 3; m++) {
      records.push(transfer(m * 30 * DAY, 'f', 't', '1200', { channel: 'ach', sender: flatmate, receiver: tenant }))
      records.push(transfer(m * 30 * DAY + 4 * DAY, 't', 'll', '1200', { channel: 'ach', sender: tenant, receiver: landlord }))
      records.push(transfer(m * 30 * DAY + 9 * DAY, 'll', 'bank', '1150', { channel: 'ach', sender: landlord, receiver: bank }))
    }
    const { verdicts } = screenAll(pack, records)
    for (const v of verdicts) expect(rulesOn(v)).not.toContain('layering-chain')
  })
})

describe('stablecoin trades', () => {
  it('layering-chain: USDT passed on wallet to wallet (peer-to-peer traders buying and selling) is left to the crypto rules', () => {
    const usdt = { channel: 'crypto' as const, currency: 'USDT' }
    const { verdicts } = screenAll(pack, [
      transfer(0, 's', 'l1', '24000', { ...usdt, sender: source, receiver: l1 }),
      transfer(2 * DAY, 'l1', 'l2', '23800', { ...usdt, sender: l1, receiver: l2 }),
      transfer(5 * DAY, 'l2', 'l3', '23500', { ...usdt, sender: l2, receiver: l3 }),
      transfer(9 * DAY, 'l3', 'e', '23300', { ...usdt, sender: l3, receiver: end }),
    ])
    for (const v of verdicts) expect(rulesOn(v)).not.toContain('layering-chain')
  })
})

describe('layers that keep back more', () => {
  it('layered-stack: a layer passing on 55 % of what two strangers paid it, three weeks later, to new payees reaches review', () => {
    const a = person('a', 'Omar Haddad', 'GB', 'Leeds')
    const b = person('b', 'Anna Kowalska', 'DE', 'Berlin')
    const { verdicts } = screenAll(pack, [
      transfer(0, 'a', 'l1', '14393', { ...wire, sender: a, receiver: l1 }),
      transfer(2 * DAY, 'b', 'l1', '32847', { ...wire, sender: b, receiver: l1 }),
      transfer(23 * DAY, 'l1', 'l2', '25982', { ...wire, sender: l1, receiver: l2 }),
    ])
    expect(rulesOn(verdicts[2]!)).toContain('layered-stack')
    expect(verdicts[2]!.decision).toBe('review')
  })
})

describe('funded bursts', () => {
  const mule = person('m', 'Daniel Novak', 'DE', 'Berlin')
  const payees = Array.from({ length: 6 }, (_, i) => person(`p${i}`, `Payee${i} Surname${i}`, i % 2 ? 'DE' : 'AL', i % 2 ? 'Hamburg' : 'Tirana'))

  it('mule-pass-through: one stranger pays the account, which pays six new payees most of it within hours', () => {
    const payer = person('x', 'Lucas Martin', 'FR', 'Paris')
    const { verdicts } = screenAll(pack, [
      transfer(0, 'x', 'm', '6200', { channel: 'mobile_money', sender: payer, receiver: mule }),
      ...payees.map((p, i) => transfer(20 * HOUR + i * 40, 'm', p.id, '960', { channel: 'mobile_money', sender: mule, receiver: p })),
    ])
    expect(rulesOn(verdicts[6]!)).toContain('mule-pass-through')
    expect(verdicts[6]!.decision).not.toBe('clear')
  })

  it('mule-pass-through: a crew leader paid by the client company pays six workers the next day: not a mule', () => {
    const client = { id: 'c', name: 'Berlin Builders GmbH', type: 'business' as const, country: 'DE' }
    const { verdicts } = screenAll(pack, [
      transfer(0, 'c', 'm', '6200', { channel: 'ach', sender: client, receiver: mule }),
      ...payees.map((p, i) => transfer(20 * HOUR + i * 5, 'm', p.id, '960', { channel: 'ach', sender: mule, receiver: p })),
    ])
    for (const v of verdicts) expect(rulesOn(v)).not.toContain('mule-pass-through')
  })
})
