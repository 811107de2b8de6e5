import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'
import { csvRecords } from '../../src/core/lists/csv-records.ts'
import { loadList } from '../../src/lists/load.ts'
import { DEFAULT_SANCTIONS_LIST } from '../../src/gen/sanctioned/listed-people.ts'
import { FOREIGN_BORDER_CITIES, HOME_COUNTRIES } from '../../src/gen/geography.ts'
import { TYPOLOGY_LABELS } from '../../src/gen/typologies/index.ts'
import { CODE_WORDS } from '../../src/gen/data/code-words.ts'
import { ROUTES } from '../../src/gen/data/routes.ts'
import { withoutMarks } from '../../src/gen/memo-variants.ts'
import { instances, readOutput, type LabelRow } from './read-output.ts'

/** US dollars per unit at the ruleset's mid rates */
const USD_PER: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, AUD: 0.66, CAD: 0.73 }
const CORRIDOR_COUNTRIES = ['TR', 'IQ', 'LY', 'GR', 'RS', 'BA', 'MX', 'GT', 'ID', 'VN', 'AL', 'TN', 'SY', 'AF', 'PK', 'BD']

type Rec = any
let byInstance: Map<string, { typology: string; records: Rec[] }>
let indicators: string[][]
let allRecords: Rec[]
let allLabels: LabelRow[]
let listedRows: string[][]

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
// the border zone: the home countries' border cities and the foreign ones on a smuggling border or transit coast
const BORDER = [...HOME_COUNTRIES.flatMap((c) => c.borderCities), ...FOREIGN_BORDER_CITIES]

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-typ-'))
  await generate({ seed: 2024, records: 160_000, accounts: 4000, outDir: dir, start: '2026-03-01' })
  const { records, labels } = readOutput(dir)
  allRecords = records
  allLabels = labels
  byInstance = instances(records, labels)
  indicators = readFileSync(join(dir, 'indicators.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
  listedRows = csvRecords(readFileSync(join(dir, 'listed.csv'), 'utf8')).slice(1)
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

  it('fee collection: three or more payers into one border-zone collector, each under 3,000', () => {
    for (const rs of of('fee_collection_fanin')) {
      expect(distinct(rs.map((r) => r.receiver.id))).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
      expect(BORDER).toContain(rs[0].receiver.city)
      for (const r of rs) expect(cents(r)).toBeLessThan(300_000)
    }
  })

  it('unrelated senders: two or more payers of one beneficiary', () => {
    for (const rs of of('unrelated_senders_same_beneficiary')) {
      expect(distinct(rs.map((r) => r.receiver.id))).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(2)
    }
  })

  it('transfer structuring: two or more near-threshold transfers, or a 24-hour aggregate over CAD 10,000', () => {
    for (const rs of of('structuring_transfer')) {
      expect(distinct(rs.map((r) => r.sender.id + '>' + r.receiver.id))).toBe(1)
      expect(rs.length).toBeGreaterThanOrEqual(2)
      const t = rs[0].currency === 'USD' ? 300_000 : ['EUR', 'GBP'].includes(rs[0].currency) ? 100_000 : 1_000_000
      if (rs[0].currency === 'CAD') expect(total(rs)).toBeGreaterThanOrEqual(t)
      else for (const r of rs) expect(cents(r) >= 0.72 * t && cents(r) < t, r.amount).toBe(true)
    }
  })

  it('cash structuring: cash just under 10,000, or sub-threshold cash adding up to it in a day', () => {
    for (const rs of of('cash_structuring')) {
      expect(rs.every((r) => r.channel === 'cash')).toBe(true)
      expect(rs.every((r) => cents(r) < 1_000_000)).toBe(true)
      const near = rs.filter((r) => cents(r) >= 740_000).length
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
        expect(total(outs), t).toBeGreaterThanOrEqual(Math.floor(total(deposits) * (t === 'funnel_account' ? 0.62 : 0.68)))
        expect(hours(deposits[deposits.length - 1], outs[outs.length - 1]), t).toBeLessThanOrEqual(7 * 24)
        if (t === 'funnel_account') {
          const places = distinct(deposits.map((r) => r.location.city))
          const people = distinct(deposits.map((r) => r.sender.id))
          expect(places >= 2 || people >= 2).toBe(true)
        }
      }
    }
  })

  it('unregistered remitter: six or more cash deposits from three or more people, then transfers abroad', () => {
    for (const rs of of('unregistered_remitter')) {
      const holder = hubOf(rs)
      const cash = rs.filter((r) => r.receiver.id === holder && r.channel === 'cash')
      expect(cash.length).toBeGreaterThanOrEqual(6)
      expect(distinct(cash.map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
      expect(rs.filter((r) => r.sender.id === holder && r.receiver.country !== r.sender.country).length).toBeGreaterThanOrEqual(1)
    }
  })

  it('hold and release: an MSB pays out each fee a day or more after it came in', () => {
    for (const rs of of('hold_and_release')) {
      const msb = rs.find((r) => r.receiver.type === 'msb').receiver
      const ins = rs.filter((r) => r.receiver.id === msb.id)
      const outs = rs.filter((r) => r.sender.id === msb.id)
      expect(outs.length).toBe(ins.length)
      expect(distinct(outs.map((r) => r.receiver.id))).toBeLessThanOrEqual(2)
      for (const o of outs) expect(ins.some((i) => hours(i, o) > 0 && cents(o) <= cents(i) && cents(o) >= cents(i) * 0.94)).toBe(true)
    }
  })

  it('route instalments: one payer, two or more beneficiaries in two or more countries', () => {
    for (const rs of of('route_instalments')) {
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(distinct(rs.map((r) => r.receiver.country ?? r.receiver.account.slice(0, 2)))).toBeGreaterThanOrEqual(2)
    }
  })

  it('mule pass-through: two or more payers, 84% or more forwarded within 72 hours', () => {
    for (const rs of of('mule_pass_through')) {
      const mule = hubOf(rs)
      const ins = rs.filter((r) => r.receiver.id === mule)
      const outs = rs.filter((r) => r.sender.id === mule)
      expect(distinct(ins.map((r) => r.sender.id))).toBeGreaterThanOrEqual(2)
      expect(total(outs)).toBeGreaterThanOrEqual(Math.floor(total(ins) * 0.84))
      expect(hours(ins[ins.length - 1], outs[outs.length - 1])).toBeLessThanOrEqual(72)
      const opened = Date.parse(ins[0].receiver.accountOpened)
      const age = (Date.parse(ins[0].timestamp) - opened) / 86_400_000
      expect(age < 155 || age > 365).toBe(true)
    }
  })

  it('shared identifiers: two or more parties on one phone, email or device', () => {
    for (const rs of of('shared_identifiers')) {
      const keys = rs.map((r) => r.device?.id ?? r.sender.email ?? (r.sender.phone ?? '').replace(/\D/g, '').replace(/^00/, ''))
      expect(distinct(keys)).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(2)
    }
  })

  it('gather-scatter, fan-out and layered stacks have their shapes', () => {
    for (const rs of of('gather_scatter')) {
      const hub = hubOf(rs)
      expect(distinct(rs.filter((r) => r.receiver.id === hub).map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
      expect(distinct(rs.filter((r) => r.sender.id === hub).map((r) => r.receiver.id))).toBeGreaterThanOrEqual(3)
    }
    for (const rs of of('fanout_offshore')) {
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(distinct(rs.map((r) => r.receiver.id))).toBeGreaterThanOrEqual(2)
      expect(distinct(rs.map((r) => r.receiver.country))).toBeGreaterThanOrEqual(2)
    }
    for (const rs of of('layered_stack')) {
      const senders = new Set(rs.map((r) => r.sender.id))
      const middle = rs.filter((r) => senders.has(r.receiver.id)).map((r) => r.receiver.id)
      expect(distinct(middle)).toBeGreaterThanOrEqual(2)
    }
  })

  it('laundering cycles conserve value hop by hop, in time order, and come back to the origin', () => {
    for (const rs of of('cycle')) {
      const origin = rs[0].sender.id
      expect(rs[rs.length - 1].receiver.id).toBe(origin)
      for (let i = 0; i + 1 < rs.length; i++) {
        expect(rs[i + 1].sender.id).toBe(rs[i].receiver.id)
        expect(Date.parse(rs[i + 1].timestamp)).toBeGreaterThan(Date.parse(rs[i].timestamp))
        // a hop keeps all but 0.5-5 %; a second round starts afresh at the origin
        if (rs[i].receiver.id !== origin) {
          expect(cents(rs[i + 1])).toBeLessThan(cents(rs[i]))
          expect(cents(rs[i + 1])).toBeGreaterThanOrEqual(Math.floor(cents(rs[i]) * 0.95))
        }
      }
      expect(hours(rs[0], rs[rs.length - 1])).toBeLessThanOrEqual(36 * 24)
    }
  })

  it('crypto fee collection: USDT from three or more wallets, 68% or more moved on', () => {
    for (const rs of of('crypto_fee_collection')) {
      const hub = hubOf(rs)
      const ins = rs.filter((r) => r.receiver.id === hub)
      expect(rs.every((r) => r.currency === 'USDT' && r.channel === 'crypto')).toBe(true)
      expect(distinct(ins.map((r) => r.sender.id))).toBeGreaterThanOrEqual(3)
      expect(total(rs.filter((r) => r.sender.id === hub))).toBeGreaterThanOrEqual(Math.floor(total(ins) * 0.68))
    }
  })

  it('dormant reactivation and velocity', () => {
    for (const rs of of('dormant_reactivation')) {
      expect(Math.max(...rs.map(cents))).toBeGreaterThanOrEqual(600_000)
      // time order: the waking account pays out only after its credits have arrived
      const hub = hubOf(rs)
      const lastIn = Math.max(...rs.filter((r) => r.receiver.id === hub).map((r) => Date.parse(r.timestamp)))
      const firstOut = Math.min(...rs.filter((r) => r.sender.id === hub).map((r) => Date.parse(r.timestamp)))
      expect(firstOut).toBeGreaterThan(lastIn)
    }
    for (const rs of of('velocity')) {
      // the burst: one sender, 5 or more payments within 24 hours; a funded burst's credits (stack30) come first
      const hub = hubOf(rs)
      const burst = rs.filter((r) => r.sender.id === hub)
      const credits = rs.filter((r) => r.receiver.id === hub)
      expect(burst.length).toBeGreaterThanOrEqual(5)
      expect(burst.length + credits.length).toBe(rs.length)
      expect(hours(burst[0], burst[burst.length - 1])).toBeLessThanOrEqual(24)
      if (credits.length > 0) expect(Date.parse(burst[0].timestamp)).toBeGreaterThan(Date.parse(credits[credits.length - 1].timestamp))
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
    const terms = CODE_WORDS.map((w) => withoutMarks(w.term).toLowerCase())
    const coded = (r: Rec) => terms.some((t) => withoutMarks(r.reference ?? '').toLowerCase().includes(t))
    const withMemo = [...byInstance.values()].filter((i) => i.typology !== 'memo_code_word' && i.records.some(coded))
    expect(withMemo.length).toBeGreaterThan(10)
    expect(TYPOLOGY_LABELS).not.toContain('memo_lexicon')
  })

  it('hold and release by relatives: one fee, released 93-98 % days later to someone else in a transit or destination country', () => {
    const benignIds = new Set(allRecords.filter((_, i) => !allLabels[i]!.illicit).flatMap((r) => [r.sender.id, r.receiver.id]))
    const variants = { currency: 0, split: 0 }
    for (const rs of of('hold_and_release_relatives')) {
      const shop = rs[rs.length - 1].sender
      const fees = rs.filter((r) => r.receiver.id === shop.id)
      const releases = rs.filter((r) => r.sender.id === shop.id)
      const [release] = releases
      expect(fees.length + releases.length).toBe(rs.length)
      expect(releases.length).toBeLessThanOrEqual(2)
      expect(distinct(fees.map((r) => r.sender.id))).toBeLessThanOrEqual(2)
      expect(total(fees)).toBeGreaterThanOrEqual(300_000)
      expect(total(fees)).toBeLessThan(1_200_100)
      // in the fee's currency: a release in the payee's is converted at about the mid rate, less up to 1.5 %
      const inFeeCurrency = Math.round(total(releases) * (USD_PER[release.currency] ?? 1) / (USD_PER[fees[0].currency] ?? 1))
      const spread = release.currency === fees[0].currency ? 1 : 0.985
      if (release.currency !== fees[0].currency) variants.currency++
      if (releases.length > 1) variants.split++
      // rounded down to the cent, as the shop pays
      expect(inFeeCurrency).toBeGreaterThanOrEqual(Math.floor(total(fees) * 0.93 * spread) - 2)
      expect(inFeeCurrency).toBeLessThanOrEqual(Math.floor(total(fees) * 0.98) + 2)
      expect(fees.map((r) => r.sender.id)).not.toContain(release.receiver.id)
      expect(['TR', 'GR', 'RS', 'BA', 'LY', 'FR', 'BE', 'IT', 'GB', 'DE', 'AL', 'ID']).toContain(release.receiver.country)
      expect(release.receiver.country).not.toBe(shop.country)
      expect(distinct(releases.map((r) => r.receiver.country))).toBe(1)
      expect(hours(fees[fees.length - 1], release)).toBeGreaterThanOrEqual(24)
      expect(hours(fees[fees.length - 1], releases[releases.length - 1])).toBeLessThanOrEqual(68 * 24)
      // the traveller named on the fee is not who gets the money
      for (const f of fees) if (f.reference) expect(f.reference).not.toContain(release.receiver.name)
      // the shop also does ordinary business
      expect(benignIds.has(shop.id)).toBe(true)
    }
    // the variants of issue 17 (hrr30): a release in the payee's currency, a release split in two
    expect(variants.currency).toBeGreaterThan(0)
    expect(variants.split).toBeGreaterThan(0)
  })

  it('memo code words: one or two fee-sized payments to or from a corridor country, each with a code word', () => {
    for (const rs of of('memo_code_word')) {
      expect(rs.length).toBeLessThanOrEqual(2)
      for (const r of rs) {
        expect(r.reference).toBeTruthy()
        expect(cents(r)).toBeGreaterThanOrEqual(50_000)
        expect(cents(r)).toBeLessThanOrEqual(900_000)
        expect(CORRIDOR_COUNTRIES.includes(r.sender.country) || CORRIDOR_COUNTRIES.includes(r.receiver.country)).toBe(true)
      }
    }
  })

  it('route instalments: one payer, 2-4 legs in consecutive countries of a listed route, days apart, the first leg largest', () => {
    let countryless = 0
    for (const rs of of('route_instalments')) {
      expect(distinct(rs.map((r) => r.sender.id))).toBe(1)
      expect(rs.length).toBeGreaterThanOrEqual(2)
      expect(rs.length).toBeLessThanOrEqual(4)
      // a payee without a country field still names it in its IBAN-shaped account and BIC-shaped bank code
      if (!rs[0].receiver.country) countryless++
      for (const r of rs) if (!r.receiver.country) expect(r.receiver.institution.slice(4, 6)).toBe(r.receiver.account.slice(0, 2))
      const legs = rs.map((r) => r.receiver.country ?? r.receiver.account.slice(0, 2)).join('>')
      expect(ROUTES.some((route) => route.countries.slice(1).join('>').includes(legs)), legs).toBe(true)
      for (let i = 1; i < rs.length; i++) {
        expect(cents(rs[i])).toBeLessThan(cents(rs[0]))
        expect(rs[i].timestamp.slice(0, 10) > rs[i - 1].timestamp.slice(0, 10)).toBe(true)
      }
    }
    expect(countryless).toBeGreaterThan(0)
  })

  it('structuring by several payers: 2-3 senders to one beneficiary through agents in several cities', () => {
    for (const rs of of('structuring_multi_payer')) {
      expect(distinct(rs.map((r) => r.receiver.id))).toBe(1)
      expect(distinct(rs.map((r) => r.sender.id))).toBeGreaterThanOrEqual(2)
      expect(distinct(rs.map((r) => r.sender.id))).toBeLessThanOrEqual(3)
      expect(rs.every((r) => r.channel === 'money_transfer' && r.location.branch)).toBe(true)
      const t = rs[0].currency === 'USD' ? 300_000 : ['EUR', 'GBP'].includes(rs[0].currency) ? 100_000 : 1_000_000
      if (rs[0].currency === 'CAD') expect(total(rs)).toBeGreaterThanOrEqual(t)
      else for (const r of rs) expect(cents(r) >= 0.72 * t && cents(r) < t, r.amount).toBe(true)
    }
    // the European thresholds (EUR 1,000, GBP 1,000) too (issue 17, hrr30)
    expect(of('structuring_multi_payer').some((rs) => rs[0].currency === 'EUR' || rs[0].currency === 'GBP')).toBe(true)
    // cities vary with the instance; across all of them most use two or more
    const spread = of('structuring_multi_payer').filter((rs) => distinct(rs.map((r) => r.location.city)) >= 2)
    expect(spread.length / of('structuring_multi_payer').length).toBeGreaterThan(0.6)
  })

  it('sanctioned names: a listed person of the default list, written another way, pays or is paid by customers', async () => {
    const entries = new Map((await loadList(DEFAULT_SANCTIONS_LIST)).entries.map((e) => [`${e.list}/${e.id}`, e]))
    const planted = of('sanctioned_name')
    expect(listedRows.length).toBe(planted.length)
    const kinds = new Set<string>()
    let withBirthDate = 0
    for (const [instance = '', partyId = '', written = '', variant = '', list = '', entryId = ''] of listedRows) {
      const entry = entries.get(`${list}/${entryId}`)
      expect(entry?.type, `${list}/${entryId}`).toBe('person')
      const rs = byInstance.get(instance)!.records
      expect(rs.length).toBeGreaterThanOrEqual(1)
      expect(rs.length).toBeLessThanOrEqual(4)
      // the listed person is on every transfer of the instance, under the name listed.csv gives, on one side only
      for (const r of rs) {
        const side = [r.sender, r.receiver].filter((p) => p.id === partyId)
        expect(side).toHaveLength(1)
        expect(side[0].name).toBe(written)
      }
      if (rs[0].sender.id === partyId ? rs[0].sender.dateOfBirth : rs[0].receiver.dateOfBirth) withBirthDate++
      kinds.add(variant)
    }
    expect(kinds.size).toBeGreaterThanOrEqual(5)
    expect(withBirthDate).toBeGreaterThan(0)
    expect(withBirthDate).toBeLessThan(listedRows.length)
  })
})
