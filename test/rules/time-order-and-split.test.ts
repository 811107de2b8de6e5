import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { DAY, HOUR, person, rulesOn, shippedPack } from './support/hand-made.ts'

// Issue 17 (session robust29): two mechanisms the shipped pack must follow whatever the population's size or
// illicit share: cash is wired on after it came in (not before), and a structured sum is split towards one or two
// beneficiaries (a crew leader's pay run is not).
let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})

describe('cash-in-wire-out follows time order', () => {
  const holder = person('h', 'Ana Cruz', 'US', 'Chicago')
  const abroad = person('mx', 'Luis Vega', 'MX', 'Tijuana')
  const cash = (minutes: number, amount: string) => transfer(minutes, 'h', 'h', amount, { channel: 'cash', sender: holder, receiver: holder })
  const wire = (minutes: number, amount: string) => transfer(minutes, 'h', 'mx', amount, { channel: 'wire', sender: holder, receiver: abroad })

  it('cash paid in, then most of it wired to a corridor country: the wire is flagged', () => {
    const { verdicts } = screenAll(pack, [cash(0, '4000'), cash(2 * HOUR, '3000'), wire(DAY, '6000')])
    expect(rulesOn(verdicts[2]!)).toContain('cash-in-wire-out')
  })

  it('a cash deposit after a wire abroad is not that cash wired on', () => {
    const { verdicts } = screenAll(pack, [wire(0, '2200'), cash(DAY, '2500')])
    expect(rulesOn(verdicts[1]!)).not.toContain('cash-in-wire-out')
  })

  it('a small deposit after cash was wired on is not flagged again', () => {
    const { verdicts } = screenAll(pack, [cash(0, '7000'), wire(DAY, '6000'), cash(3 * DAY, '50')])
    expect(rulesOn(verdicts[2]!)).not.toContain('cash-in-wire-out')
  })
})

describe('structuring-24h-aggregate: one sum split towards one beneficiary', () => {
  const sender = person('s', 'Thomas Davies', 'CA', 'Calgary')

  it('three parts to one beneficiary that add up to CAD 10,000 within 24 hours', () => {
    const to = person('ph', 'Maria Santos', 'PH', 'Cebu')
    const records = ['3500', '3600', '3400'].map((a, i) => transfer(i * 3 * HOUR, 's', 'ph', a, { currency: 'CAD', channel: 'wire', sender, receiver: to }))
    expect(rulesOn(screenAll(pack, records).verdicts[2]!)).toContain('structuring-24h-aggregate')
  })

  it('a crew leader paying eight workers CAD 1,400 each the same afternoon is no split', () => {
    const records = Array.from({ length: 8 }, (_, i) =>
      transfer(i * 5, 's', `w${i}`, '1400', { currency: 'CAD', channel: 'ach', sender, receiver: person(`w${i}`, `Worker ${i} Lewis`, 'CA', 'Toronto') }),
    )
    const { verdicts } = screenAll(pack, records)
    for (const v of verdicts) expect(rulesOn(v)).not.toContain('structuring-24h-aggregate')
  })

  it('cash banked into a shop and bills paid to businesses are not transfers to a beneficiary', () => {
    const shop = { id: 'shop', name: 'Montreal Phone Repair Ltd', type: 'business' as const, country: 'CA', city: 'Montreal' }
    const records = [
      transfer(0, 's', 'shop', '6800', { currency: 'CAD', channel: 'cash', sender, receiver: shop }),
      transfer(HOUR, 's', 'shop', '5200', { currency: 'CAD', channel: 'cash', sender, receiver: shop }),
    ]
    expect(rulesOn(screenAll(pack, records).verdicts[1]!)).not.toContain('structuring-24h-aggregate')
  })
})

describe('crypto-fee-inflow: fees come from people, not from exchanges', () => {
  const wallet = person('w', 'John Taylor', 'AU', 'Perth')
  const usdt = (minutes: number, from: { id: string; name: string; type: 'person' | 'msb'; country: string; city: string }, amount: string) =>
    transfer(minutes, from.id, 'w', amount, { currency: 'USDT', channel: 'crypto', sender: from, receiver: wallet })

  it('five people paying fee-sized sums into one wallet within a week', () => {
    const records = ['1200', '1450', '980', '2100', '1700'].map((a, i) => usdt(i * DAY, person(`p${i}`, `Payer ${i} Khan`, 'GB', 'London'), a))
    expect(rulesOn(screenAll(pack, records).verdicts[4]!)).toContain('crypto-fee-inflow')
  })

  it('a holder buying coins through four exchanges and one friend is not five payers', () => {
    const desk = (i: number) => ({ id: `x${i}`, name: `Exchange ${i} Ltd`, type: 'msb' as const, country: 'GB', city: 'London' })
    const records = [usdt(0, desk(0), '1200'), usdt(DAY, desk(1), '1450'), usdt(2 * DAY, desk(2), '980'), usdt(3 * DAY, desk(3), '2100'), usdt(4 * DAY, person('f', 'Tuan Nguyen', 'GB', 'London'), '1700')]
    expect(rulesOn(screenAll(pack, records).verdicts[4]!)).not.toContain('crypto-fee-inflow')
  })
})
