import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'
import { TYPOLOGY_LABELS } from '../../src/gen/typologies/index.ts'
import { instances, readOutput } from './read-output.ts'

type Rec = any
let byInstance: Map<string, { typology: string; records: Rec[] }>
let indicators: string[][]
let allRecords: Rec[]

const cents = (r: Rec) => Math.round(Number(r.amount) * 100)
const total = (rs: Rec[]) => rs.reduce((s, r) => s + cents(r), 0)
const hours = (a: Rec, b: Rec) => (Date.parse(b.timestamp) - Date.parse(a.timestamp)) / 3_600_000
const of = (t: string) => [...byInstance.values()].filter((i) => i.typology === t).map((i) => i.records)
const distinct = <T>(xs: T[]) => new Set(xs).size
/** the account most instance transfers point at */
const hubOf = (rs: Rec[]) => {
  const c = new Map<string, number>()
  for (const r of rs) for (const id of [r.sender.id, r.receiver.id]) c.set(id, (c.get(id) ?? 0) + 1)
  return [...c].sort((a, b) => b[1] - a[1])[0]![0]
}
const BORDER = ['El Paso', 'Laredo', 'McAllen', 'San Diego', 'Nogales', 'Brownsville', 'Yuma', 'Calais', 'Dunkerque', 'Boulogne-sur-Mer', 'Ciudad Juarez', 'Tijuana', 'Reynosa', 'Nuevo Laredo', 'Istanbul', 'Van', 'Belgrade', 'Subotica', 'Zuwara', 'Sabratha', 'Tripoli']

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-typ-'))
  await generate({ seed: 2024, records: 160_000, accounts: 4000, outDir: dir, start: '2026-03-01' })
  const { records, labels } = readOutput(dir)
  allRecords = records
  byInstance = instances(records, labels)
  indicators = readFileSync(join(dir, 'indicators.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
}, 60_000)

describe('planted typologies in a moderate run', () => {
  it('plants every typology at least 8 times', () => {
    for (const t of TYPOLOGY_LABELS) expect(of(t).length, t).toBeGreaterThanOrEqual(8)
    expect(new Set([...byInstance.values()].map((i) => i.typology))).toEqual(new Set(TYPOLOGY_LABELS))
  })

  it('varies size, currency and channel within a typology', () => {
    for (const t of TYPOLOGY_LABELS) {
      const list = of(t)
      expect(distinct(list.map((rs) => rs.length)), `${t} sizes`).toBeGreaterThan(1)
      // crypto fee collection is USDT on-chain by definition; it varies in payers, sizes and off-ramp instead
      if (t !== 'crypto_fee_collection') expect(distinct(list.flatMap((rs) => rs.map((r) => `${r.currency}/${r.channel}`))), `${t} currency/channel`).toBeGreaterThan(1)
    }
  })

  it('fee collection: five or more payers into one border-zone collector, each under 3,000', () => {
    for (const rs of of('fee_collection_fanin')) {
      expect(distinct(rs.map((r) => r.receiver.id))).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(5)
      expect(BORDER).toContain(rs[0].receiver.city)
      for (const r of rs) expect(cents(r)).toBeLessThan(300_000)
    }
  })

  it('unrelated senders: three or more payers of one beneficiary', () => {
    for (const rs of of('unrelated_senders_same_beneficiary')) {
      expect(distinct(rs.map((r) => r.receiver.id))).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
    }
  })

  it('transfer structuring: three or more near-threshold transfers, or a 24-hour aggregate over CAD 10,000', () => {
    for (const rs of of('structuring_transfer')) {
      expect(distinct(rs.map((r) => r.sender.id + '>' + r.receiver.id))).toBe(1)
      expect(rs.length).toBeGreaterThanOrEqual(3)
      const t = rs[0].currency === 'USD' ? 300_000 : 1_000_000
      if (rs[0].currency === 'CAD') expect(total(rs)).toBeGreaterThanOrEqual(t)
      else for (const r of rs) expect(cents(r) >= 0.8 * t && cents(r) < t, r.amount).toBe(true)
    }
  })

  it('cash structuring: cash just under 10,000, or sub-threshold cash adding up to it in a day', () => {
    for (const rs of of('cash_structuring')) {
      expect(rs.every((r) => r.channel === 'cash')).toBe(true)
      expect(rs.every((r) => cents(r) < 1_000_000)).toBe(true)
      const near = rs.filter((r) => cents(r) >= 800_000).length
      const sameDay = distinct(rs.map((r) => r.timestamp.slice(0, 10))) === 1 && total(rs) >= 1_000_000
      expect(near >= 2 || sameDay).toBe(true)
    }
  })

  it('multi-location: one sender, two or more branches, within 48 hours', () => {
    for (const rs of of('multi_location')) {
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(distinct(rs.map((r) => r.location.branch))).toBeGreaterThanOrEqual(2)
      expect(hours(rs[0], rs[rs.length - 1])).toBeLessThan(48)
    }
  })

  it('funnel and cash-in-wire-out: most of the cash leaves again within days', () => {
    for (const t of ['funnel_account', 'cash_in_wire_out']) {
      for (const rs of of(t)) {
        const holder = hubOf(rs)
        const deposits = rs.filter((r) => r.receiver.id === holder && r.purpose === 'cash deposit')
        const outs = rs.filter((r) => r.sender.id === holder && r.purpose !== 'cash deposit')
        expect(deposits.length, t).toBeGreaterThanOrEqual(1)
        expect(total(outs) / total(deposits), t).toBeGreaterThanOrEqual(t === 'funnel_account' ? 0.7 : 0.8)
        expect(hours(deposits[deposits.length - 1], outs[outs.length - 1]), t).toBeLessThanOrEqual(96)
        if (t === 'funnel_account') {
          const places = distinct(deposits.map((r) => r.location.city))
          const people = distinct(deposits.map((r) => r.sender.id))
          expect(places >= 3 || people >= 3).toBe(true)
        }
      }
    }
  })

  it('unregistered remitter: ten or more cash deposits from five or more people, then transfers abroad', () => {
    for (const rs of of('unregistered_remitter')) {
      const holder = hubOf(rs)
      const cash = rs.filter((r) => r.receiver.id === holder && r.channel === 'cash')
      expect(cash.length).toBeGreaterThanOrEqual(10)
      expect(distinct(cash.map((r) => r.sender.id))).toBeGreaterThanOrEqual(5)
      expect(rs.filter((r) => r.sender.id === holder && r.receiver.country !== r.sender.country).length).toBeGreaterThanOrEqual(1)
    }
  })

  it('hold and release: an MSB pays out each fee three days or more after it came in', () => {
    for (const rs of of('hold_and_release')) {
      const msb = rs.find((r) => r.receiver.type === 'msb').receiver
      const ins = rs.filter((r) => r.receiver.id === msb.id)
      const outs = rs.filter((r) => r.sender.id === msb.id)
      expect(outs.length).toBe(ins.length)
      expect(distinct(outs.map((r) => r.receiver.id))).toBeLessThanOrEqual(2)
      for (const o of outs) expect(ins.some((i) => hours(i, o) >= 48 && cents(o) <= cents(i) && cents(o) >= cents(i) * 0.94)).toBe(true)
    }
  })

  it('route instalments: one payer, two or more beneficiaries in two or more countries', () => {
    for (const rs of of('route_instalments')) {
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(distinct(rs.map((r) => r.receiver.country))).toBeGreaterThanOrEqual(2)
    }
  })

  it('mule pass-through: three or more payers, 90% or more forwarded within 48 hours', () => {
    for (const rs of of('mule_pass_through')) {
      const mule = hubOf(rs)
      const ins = rs.filter((r) => r.receiver.id === mule)
      const outs = rs.filter((r) => r.sender.id === mule)
      expect(distinct(ins.map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
      expect(total(outs) / total(ins)).toBeGreaterThanOrEqual(0.9)
      expect(hours(ins[ins.length - 1], outs[outs.length - 1])).toBeLessThanOrEqual(48)
      const opened = Date.parse(ins[0].receiver.accountOpened)
      const age = (Date.parse(ins[0].timestamp) - opened) / 86_400_000
      expect(age < 90 || age > 365).toBe(true)
    }
  })

  it('shared identifiers: three or more parties on one phone, email or device', () => {
    for (const rs of of('shared_identifiers')) {
      const keys = rs.map((r) => r.device?.id ?? r.sender.email ?? (r.sender.phone ?? '').replace(/\D/g, '').replace(/^00/, ''))
      expect(distinct(keys)).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
    }
  })

  it('gather-scatter, fan-out and layered stacks have their shapes', () => {
    for (const rs of of('gather_scatter')) {
      const hub = hubOf(rs)
      expect(distinct(rs.filter((r) => r.receiver.id === hub).map((r) => r.sender.id))).toBeGreaterThanOrEqual(5)
      expect(distinct(rs.filter((r) => r.sender.id === hub).map((r) => r.receiver.id))).toBeGreaterThanOrEqual(5)
    }
    for (const rs of of('fanout_offshore')) {
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(distinct(rs.map((r) => r.receiver.id))).toBeGreaterThanOrEqual(3)
      expect(distinct(rs.map((r) => r.receiver.country))).toBeGreaterThanOrEqual(2)
    }
    for (const rs of of('layered_stack')) {
      const senders = new Set(rs.map((r) => r.sender.id))
      const middle = rs.filter((r) => senders.has(r.receiver.id)).map((r) => r.receiver.id)
      expect(distinct(middle)).toBeGreaterThanOrEqual(2)
    }
  })

  it('cycles come back to where they started', () => {
    for (const rs of of('cycle')) {
      const start = rs[0].sender.id
      const next = new Map(rs.map((r) => [r.sender.id, r.receiver.id]))
      let at = next.get(start)
      for (let hop = 0; hop < 6 && at !== start; hop++) at = next.get(at!)
      expect(at).toBe(start)
    }
  })

  it('crypto fee collection: USDT from five or more wallets, 80% moved on', () => {
    for (const rs of of('crypto_fee_collection')) {
      const hub = hubOf(rs)
      const ins = rs.filter((r) => r.receiver.id === hub)
      expect(rs.every((r) => r.currency === 'USDT' && r.channel === 'crypto')).toBe(true)
      expect(distinct(ins.map((r) => r.sender.id))).toBeGreaterThanOrEqual(5)
      expect(total(rs.filter((r) => r.sender.id === hub)) / total(ins)).toBeGreaterThanOrEqual(0.8)
    }
  })

  it('dormant reactivation and velocity', () => {
    for (const rs of of('dormant_reactivation')) expect(Math.max(...rs.map(cents))).toBeGreaterThanOrEqual(1_000_000)
    for (const rs of of('velocity')) {
      expect(rs.length).toBeGreaterThanOrEqual(8)
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(hours(rs[0], rs[rs.length - 1])).toBeLessThanOrEqual(24)
    }
  })

  it('ad contact match: every planted contact is on the indicator list; decoys never transact', () => {
    const values = new Set(indicators.map((i) => i[1]))
    const digits = (s: string) => s.replace(/\D/g, '').replace(/^00/, '')
    const phoneDigits = new Set(indicators.filter((i) => i[0] === 'phone').map((i) => digits(i[1]!)))
    const listed = (p: Rec) => values.has(p.handle) || values.has(p.email) || values.has(p.account) || (p.phone && phoneDigits.has(digits(p.phone)))
    for (const rs of of('ad_contact_match')) expect(rs.some((r) => listed(r.receiver))).toBe(true)
    const seen = new Set(allRecords.flatMap((r) => [r.sender, r.receiver]).flatMap((p) => [p.handle, p.email, p.account, p.phone && digits(p.phone)]))
    const decoys = indicators.filter((i) => !seen.has(i[0] === 'phone' ? digits(i[1]!) : i[1]))
    expect(decoys.length).toBeGreaterThan(of('ad_contact_match').length)
  })

  it('puts smuggling terms in the references of some instances only, never in a label of their own', () => {
    const withMemo = [...byInstance.values()].filter((i) => i.records.some((r) => /boat UK|Calais|passage|cruce|pollero|qarib|Lampedusa|tahrib|belem|kacak/i.test(r.reference ?? '')))
    expect(withMemo.length).toBeGreaterThan(10)
    expect(TYPOLOGY_LABELS).not.toContain('memo_lexicon')
  })
})
