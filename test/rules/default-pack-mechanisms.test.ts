import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledRuleset } from '../../src/core/index.ts'
import { screenAll, transfer } from '../core/helpers.ts'
import { person, rulesOn, shippedPack } from './support/hand-made.ts'

// What tells a pattern from its benign twin in the shipped pack, on hand-made records: the mechanism each rule
// relies on, not a generated sample's thresholds.
const DAY = 24 * 60
let pack: CompiledRuleset

beforeAll(async () => {
  pack = await shippedPack()
})


describe('the shipped pack, mechanism by mechanism', () => {
  it('dormant-reactivation: a new company account that passes a large credit on to private persons abroad', () => {
    const company = { id: 'co', name: 'Harbour Trading Pty', type: 'business' as const, country: 'AU', city: 'Brisbane', accountOpened: '2025-12-15' }
    const records = [
      transfer(0, 'ae1', 'co', '70000', { currency: 'AUD', channel: 'wire', sender: { id: 'ae1', name: 'Gulf Metals LLC', type: 'business', country: 'AE' }, receiver: company }),
      transfer(3 * DAY, 'co', 'p1', '33000', { currency: 'AUD', channel: 'wire', sender: company, receiver: person('p1', 'Ali Kaya', 'AT', 'Graz') }),
      transfer(4 * DAY, 'co', 'p2', '33000', { currency: 'AUD', channel: 'wire', sender: company, receiver: person('p2', 'Nikos Pappas', 'GR', 'Thessaloniki') }),
    ]
    const { verdicts } = screenAll(pack, records)
    // a company has no surname, so no payee can be its relative: each person paid is a third party
    expect(rulesOn(verdicts[2]!)).toContain('dormant-reactivation')
    expect(verdicts[2]!.decision).not.toBe('clear')
  })

  it('structuring-split: two wires just under USD 3,000 to one corridor beneficiary reach review; to a domestic payee they do not', () => {
    const sender = person('s', 'James Hall', 'US', 'Houston')
    const twoWires = (receiver: ReturnType<typeof person>) =>
      screenAll(pack, [
        transfer(0, 's', receiver.id, '2590', { channel: 'wire', sender, receiver }),
        transfer(DAY, 's', receiver.id, '2940', { channel: 'wire', sender, receiver }),
      ]).verdicts[1]!
    const split = twoWires(person('gt', 'Ana Lopez', 'GT', 'Huehuetenango'))
    expect(rulesOn(split)).toContain('structuring-split')
    expect(split.decision).toBe('review')

    const local = twoWires(person('us', 'Mary Brown', 'US', 'Dallas'))
    expect(rulesOn(local)).toContain('structuring-split')
    expect(local.decision).toBe('clear')
  })

  it('structuring-24h-beneficiary: parts from two payers that add up to CAD 10,000 for one beneficiary within 24 hours', () => {
    const to = person('ph', 'Maria Santos', 'PH', 'Cebu')
    const records = [
      transfer(0, 'a', 'ph', '3364', { currency: 'CAD', sender: person('a', 'John Smith', 'CA', 'Vancouver'), receiver: to }),
      transfer(90, 'a', 'ph', '3872', { currency: 'CAD', sender: person('a', 'John Smith', 'CA', 'Vancouver'), receiver: to }),
      transfer(280, 'b', 'ph', '3263', { currency: 'CAD', sender: person('b', 'Li Wei', 'CA', 'Toronto'), receiver: to }),
    ]
    const { verdicts } = screenAll(pack, records)
    // no payer reached CAD 10,000 alone: only the beneficiary's view adds the parts up
    expect(rulesOn(verdicts[1]!)).not.toContain('structuring-24h-aggregate')
    expect(rulesOn(verdicts[2]!)).toContain('structuring-24h-beneficiary')
  })

  it('structuring-to-beneficiary-eu: unrelated payers keep transfers under EUR 1,000 to one beneficiary; siblings paying a parent do not', () => {
    const to = person('tr', 'Emre Demir', 'TR', 'Izmir')
    const payers = [person('a', 'Jonas Becker', 'DE', 'Berlin'), person('b', 'Lukas Wolf', 'DE', 'Munich'), person('c', 'Anna Roth', 'DE', 'Cologne')]
    const ring = screenAll(pack, [
      transfer(0, 'a', 'tr', '930', { currency: 'EUR', sender: payers[0], receiver: to }),
      transfer(DAY, 'b', 'tr', '960', { currency: 'EUR', sender: payers[1], receiver: to }),
      transfer(3 * DAY, 'c', 'tr', '985.50', { currency: 'EUR', sender: payers[2], receiver: to }),
    ]).verdicts
    expect(rulesOn(ring[2]!)).toContain('structuring-to-beneficiary-eu')
    // three siblings (one surname) sending their mother the same month's help
    const mother = person('m', 'Ayse Yilmaz', 'TR', 'Van')
    const siblings = [person('s1', 'Mehmet Yilmaz', 'DE', 'Berlin'), person('s2', 'Fatma Yilmaz', 'DE', 'Hamburg'), person('s3', 'Ali Yilmaz', 'DE', 'Munich')]
    const family = screenAll(pack, siblings.map((s, i) => transfer(i * DAY, s.id, 'm', '950', { currency: 'EUR', sender: s, receiver: mother }))).verdicts
    expect(rulesOn(family[2]!)).not.toContain('structuring-to-beneficiary-eu')
    // payers who share a surname among themselves but not with the beneficiary still count (a common name, a ring of one family)
    const webers = [person('w1', 'Jonas Weber', 'DE', 'Berlin'), person('w2', 'Hannah Weber', 'DE', 'Bremen'), person('w3', 'Marie Weber', 'DE', 'Essen')]
    const weberRing = screenAll(pack, webers.map((s, i) => transfer(i * 60, s.id, 'tr', '940', { currency: 'EUR', sender: s, receiver: to }))).verdicts
    expect(rulesOn(weberRing[2]!)).toContain('structuring-to-beneficiary-eu')
  })

  it('layering-chain: value passed on whole through three accounts within days; a chain that loses half at a hop is not one', () => {
    const kept = [
      transfer(0, 'l0', 'l1', '12000', { channel: 'wire' }),
      transfer(DAY, 'l1', 'l2', '11800', { channel: 'wire' }),
      transfer(2 * DAY, 'l2', 'l3', '11500', { channel: 'wire' }),
    ]
    expect(rulesOn(screenAll(pack, kept).verdicts[2]!)).toContain('layering-chain')

    const spent = [
      transfer(0, 'm0', 'm1', '12000', { channel: 'wire' }),
      transfer(DAY, 'm1', 'm2', '6000', { channel: 'wire' }),
      transfer(2 * DAY, 'm2', 'm3', '5900', { channel: 'wire' }),
    ]
    expect(rulesOn(screenAll(pack, spent).verdicts[2]!)).not.toContain('layering-chain')
  })

  it('memo-code-word: a smuggling term is the evidence, whatever the words and wherever the leg is paid', () => {
    const memo = (reference: string, amount: string, from: ReturnType<typeof person>, to: ReturnType<typeof person>) =>
      screenAll(pack, [transfer(0, from.id, to.id, amount, { currency: 'EUR', reference, sender: from, receiver: to })]).verdicts[0]!
    const relative = person('nl', 'Lan Nguyen', 'NL', 'Rotterdam')
    // a word for the illegal crossing that no generator of ours writes, on a fee-sized payment to a corridor
    expect(memo('vuot bien cho Minh', '900', relative, person('tr', 'Emre Kaya', 'TR', 'Izmir')).decision).toBe('review')
    // S16's EUR 350 leg, paid to the destination country: a leg is paid where the traveller arrives, too
    expect(memo('DI ANH', '380', relative, person('gb', 'Tom Smith', 'GB', 'Bristol')).decision).toBe('review')
    // ordinary words stay clear on the same payments, and so does a code word on a payment at home
    expect(memo('boat trip', '900', relative, person('tr2', 'Ali Demir', 'TR', 'Izmir')).decision).toBe('clear')
    expect(memo('DI ANH', '380', relative, person('nl2', 'Anh Tran', 'NL', 'Utrecht')).decision).toBe('clear')
  })

  it('cycle: three hops in time order are a cycle; money back from the one it was paid to is one only within two weeks', () => {
    const a = person('a', 'Hugo Simon', 'FR', 'Lyon')
    const b = person('b', 'Lena Klein', 'NL', 'Utrecht')
    const c = person('c', 'Omar Nasser', 'AE', 'Dubai')
    const wire = { currency: 'EUR', channel: 'wire' as const }
    const ring = screenAll(pack, [
      transfer(0, 'a', 'b', '40000', { ...wire, sender: a, receiver: b }),
      transfer(3 * DAY, 'b', 'c', '39200', { ...wire, sender: b, receiver: c }),
      transfer(6 * DAY, 'c', 'a', '38600', { ...wire, sender: c, receiver: a }),
    ]).verdicts[2]!
    expect(rulesOn(ring)).toContain('cycle')
    const back = (out: string, returned: string, days: number) =>
      screenAll(pack, [
        transfer(0, 'a', 'b', out, { ...wire, sender: a, receiver: b }),
        transfer(days * DAY, 'b', 'a', returned, { ...wire, sender: b, receiver: a }),
      ]).verdicts[1]!
    // back within days, a few percent kept back: a laundering return
    expect(rulesOn(back('25000', '24300', 5))).toContain('cycle')
    // a savings club's turn: the same sum back a month later
    expect(rulesOn(back('500', '500', 27))).not.toContain('cycle')
    // a loan paid back in full three weeks later
    expect(rulesOn(back('3000', '3000', 21))).not.toContain('cycle')
  })

  it('memo-code-word: a code word on a payment into a border-zone town, the lorry tier in Albanian; a UK visa fee stays clear', () => {
    const memo = (reference: string, amount: string, from: ReturnType<typeof person>, to: ReturnType<typeof person>) =>
      screenAll(pack, [transfer(0, from.id, to.id, amount, { currency: from.country === 'US' ? 'USD' : 'EUR', reference, sender: from, receiver: to })]).verdicts[0]!
    // road money (Arabic) paid at home, to a collector in a southwest-border city (typologies.md §1 BORDER_ZONE)
    expect(memo('flus al-tariq', '2950', person('den', 'David Green', 'US', 'Denver'), person('sd', 'Robert Brown', 'US', 'San Diego')).decision).toBe('review')
    // the same words to a town away from any border stay clear
    expect(memo('flus al-tariq', '2950', person('den2', 'Mary Green', 'US', 'Denver'), person('chi', 'Ann Moore', 'US', 'Chicago')).decision).toBe('clear')
    // "the journey by lorry" (S15's lorry tier), without its marks, to Albania
    expect(memo('udhetimi me kamion', '3000', person('gb1', 'Arben Hoxha', 'GB', 'London'), person('al', 'Ilir Shehu', 'AL', 'Durres')).decision).toBe('review')
    // a visa fee for the UK paid to an agent in a corridor country is not a code word
    expect(memo('UK visa fee', '2000', person('gb2', 'Rebin Aziz', 'GB', 'Leeds'), person('al2', 'Ilir Gashi', 'AL', 'Tirana')).decision).toBe('clear')
  })

  it('held-fee-release: a Central Mediterranean fee held for weeks and released less a commission; paid on the next day it is a remittance', () => {
    const shop = { id: 'shop', name: 'Star Travel & Money', type: 'msb' as const, country: 'DE', city: 'Essen' }
    const released = (delayDays: number) =>
      screenAll(pack, [
        transfer(0, 'rel', 'shop', '1450', { currency: 'EUR', channel: 'cash', reference: 'for Aras', sender: person('rel', 'Leyla Aziz', 'DE', 'Essen'), receiver: shop }),
        transfer(delayDays * DAY, 'shop', 'gr', '1410', { currency: 'EUR', sender: shop, receiver: person('gr', 'Nikos Pappas', 'GR', 'Athens') }),
      ]).verdicts[1]!
    expect(rulesOn(released(18))).toContain('held-fee-release')
    expect(rulesOn(released(1))).not.toContain('held-fee-release')
  })
})
