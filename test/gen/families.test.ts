import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BENIGN_FAMILY_NAMES, selectFamilies } from '../../src/gen/benign/families.ts'
import { LISTED_SURNAMES, WITH_ACCENTS } from '../../src/gen/data/listed-surnames.ts'
import { generate } from '../../src/gen/generate.ts'
import { byFamily, readOutput } from './read-output.ts'

type Rec = any
const cents = (r: Rec) => Math.round(Number(r.amount) * 100)
const ms = (r: Rec) => Date.parse(r.timestamp)
const DAY = 86_400_000

async function run(seed: number, records: number, benignFamilies?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-fam-'))
  await generate({ seed, records, outDir: dir, start: '2026-02-01', benignFamilies })
  return { dir, ...readOutput(dir) }
}

let fams: Map<string, Rec[]>
let indicators: string[][]
let share: (family: string) => number

beforeAll(async () => {
  const { dir, records, labels } = await run(31, 40_000)
  fams = byFamily(records, labels)
  share = (f) => (fams.get(f)?.length ?? 0) / records.length
  indicators = readFileSync(join(dir, 'indicators.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
}, 60_000)

describe('hard-negative families', () => {
  it('are on by default: every family makes transfers labelled with its name, beside the everyday background', () => {
    for (const name of BENIGN_FAMILY_NAMES) expect(fams.get(name)?.length ?? 0, name).toBeGreaterThan(0)
    expect([...fams.keys()].sort()).toEqual([...BENIGN_FAMILY_NAMES, 'everyday'].sort())
    expect(share('everyday')).toBeGreaterThan(0.75)
    expect(share('everyday')).toBeLessThan(0.92)
  })

  it('switch off one by one: a family left out has no rows, one chosen alone is the only one', async () => {
    // seed 7: phone_near_miss starts once a phone is planted; with sanctioned_name in the rounds, seed 5 plants none
    // within 6,000 records
    for (const name of BENIGN_FAMILY_NAMES) {
      const without = await run(7, 6000, BENIGN_FAMILY_NAMES.filter((n) => n !== name).join(','))
      expect(without.labels.filter((l) => l.family === name).length, `without ${name}`).toBe(0)
      const alone = await run(7, 6000, name)
      expect(new Set(alone.labels.filter((l) => !l.illicit).map((l) => l.family)), `${name} alone`).toEqual(new Set([name, 'everyday']))
    }
  }, 120_000)

  it('none leaves the everyday background only; unknown names are refused', async () => {
    const { labels } = await run(5, 6000, 'none')
    expect(new Set(labels.filter((l) => !l.illicit).map((l) => l.family))).toEqual(new Set(['everyday']))
    expect(() => selectFamilies('savings_club,payday_loans')).toThrow(/unknown benign family payday_loans/)
    expect(selectFamilies('all').length).toBe(BENIGN_FAMILY_NAMES.length)
  })

  it('licensed money-transfer shops pay the beneficiary named on the deposit, mostly within two days, up to 20', () => {
    const rows = fams.get('licensed_mto')!
    const deposits = rows.filter((r) => r.receiver.type === 'msb' && r.sender.type === 'person')
    const payouts = rows.filter((r) => r.sender.type === 'msb' && r.receiver.type === 'person')
    expect(payouts.length).toBeGreaterThan(20)
    let quick = 0
    for (const p of payouts) {
      const match = deposits.find((d) => d.receiver.id === p.sender.id && ms(d) <= ms(p) && ms(p) - ms(d) <= 21 * DAY && cents(p) <= cents(d) && cents(p) >= Math.floor(cents(d) * 0.96) && (!d.reference || d.reference.includes(p.receiver.name)))
      expect(match, `payout ${p.id}`).toBeDefined()
      if (ms(p) - ms(match) <= 2 * DAY) quick++
    }
    expect(quick / payouts.length).toBeGreaterThan(0.6)
    expect(quick).toBeLessThan(payouts.length)
    // settlements with the principal are round sums
    const settlements = rows.filter((r) => r.sender.type === 'msb' && r.receiver.type === 'msb')
    expect(settlements.length).toBeGreaterThan(0)
    for (const s of settlements) expect(cents(s) % 100_000).toBe(0)
  })

  it('waking accounts: most of a large credit goes on within days, often to people of other surnames, some abroad', () => {
    const rows = fams.get('waking_account')!
    const surname = (p: Rec) => (p.name ?? '').split(' ').at(-1)
    const holders = new Set(rows.filter((r) => rows.some((o) => o.sender.id === r.receiver.id)).map((r) => r.receiver.id))
    let thirdPartiesMostly = 0
    let thirdPartyAbroad = 0
    let companyAbroadPays = 0
    for (const h of holders) {
      const credits = rows.filter((r) => r.receiver.id === h && r.sender.id !== h)
      const me = credits[0]!.receiver
      const third = rows.filter((r) => r.sender.id === h && r.receiver.id !== h && r.receiver.type === 'person' && surname(r.receiver) !== surname(me))
      if (third.reduce((s, r) => s + cents(r), 0) >= 0.5 * credits.reduce((s, r) => s + cents(r), 0)) thirdPartiesMostly++
      if (third.some((r) => r.receiver.country !== me.country)) thirdPartyAbroad++
      if (credits.some((r) => r.sender.type === 'business' && r.sender.country !== me.country)) companyAbroadPays++
    }
    // the naive rule's shape (a quiet account, a large credit, most of it to persons not of the family, some
    // abroad, some paid by a company abroad) is common among them
    expect(holders.size).toBeGreaterThan(10)
    expect(thirdPartiesMostly).toBeGreaterThan(0)
    expect(thirdPartyAbroad).toBeGreaterThan(0)
    expect(companyAbroadPays).toBeGreaterThan(0)
  })

  it('savings clubs: each month several members pay the member whose turn it is the same sum', () => {
    const rows = fams.get('savings_club')!
    const byReceiver = new Map<string, Rec[]>()
    for (const r of rows) byReceiver.set(r.receiver.id, [...(byReceiver.get(r.receiver.id) ?? []), r])
    const turns = [...byReceiver.values()].filter((rs) => new Set(rs.map((r) => r.sender.id)).size >= 3)
    expect(turns.length / byReceiver.size).toBeGreaterThan(0.8)
    for (const rs of turns) expect(new Set(rs.map(cents)).size, rs[0].receiver.id).toBeLessThanOrEqual(2)
  })

  it('large savings clubs: 14+ members pay one the same sum, and some members pay in two clubs', () => {
    const rows = fams.get('large_savings_club')!
    const turns = new Map<string, Rec[]>()
    for (const r of rows) turns.set(`${r.receiver.id}/${r.amount}`, [...(turns.get(`${r.receiver.id}/${r.amount}`) ?? []), r])
    expect([...turns.values()].some((rs) => new Set(rs.map((r) => r.sender.id)).size >= 14)).toBe(true)
    const sums = new Map<string, Set<string>>()
    for (const r of rows) sums.set(r.sender.id, (sums.get(r.sender.id) ?? new Set()).add(r.amount))
    const receivers = new Set(rows.map((r) => r.receiver.id))
    // a member of two clubs pays two clubs' sums (or the same sum to two clubs' receivers)
    expect([...sums.entries()].some(([id, s]) => s.size >= 2 && receivers.has(id))).toBe(true)
  })

  it('landlords: each tenant pays the same rent every month, many tenants to one private landlord', () => {
    const rows = fams.get('landlord_tenants')!.filter((r) => r.receiver.type === 'person')
    const pairs = new Map<string, Set<string>>()
    for (const r of rows) pairs.set(`${r.sender.id}>${r.receiver.id}`, (pairs.get(`${r.sender.id}>${r.receiver.id}`) ?? new Set()).add(r.amount))
    const months = new Map<string, number>()
    for (const r of rows) months.set(`${r.sender.id}>${r.receiver.id}`, (months.get(`${r.sender.id}>${r.receiver.id}`) ?? 0) + 1)
    const repeated = [...months.entries()].filter(([, n]) => n >= 2).map(([k]) => k)
    expect(repeated.length).toBeGreaterThan(10)
    for (const k of repeated) expect(pairs.get(k)!.size, k).toBe(1)
    const tenants = new Map<string, Set<string>>()
    for (const r of rows) tenants.set(r.receiver.id, (tenants.get(r.receiver.id) ?? new Set()).add(r.sender.id))
    expect(Math.max(...[...tenants.values()].map((t) => t.size))).toBeGreaterThanOrEqual(8)
  })

  it('big families: 5+ relatives abroad, some under other surnames, pay one relative within a week', () => {
    const rows = fams.get('big_family')!
    const surname = (p: Rec) => (p.name ?? '').split(' ').at(-1)
    const byReceiver = new Map<string, Rec[]>()
    for (const r of rows) byReceiver.set(r.receiver.id, [...(byReceiver.get(r.receiver.id) ?? []), r])
    const big = [...byReceiver.values()].filter((rs) => new Set(rs.map((r) => r.sender.id)).size >= 5)
    expect(big.length).toBeGreaterThan(0)
    for (const rs of big) {
      expect(rs.every((r) => r.sender.country !== r.receiver.country)).toBe(true)
      expect(rs.some((r) => surname(r.sender) === surname(r.receiver)), rs[0].receiver.id).toBe(true)
    }
    expect(big.some((rs) => rs.some((r) => surname(r.sender) !== surname(r.receiver)))).toBe(true)
  })

  it('family remittances: fee-sized sums, parents paid by siblings elsewhere, recipients in border cities', () => {
    const rows = fams.get('family_remittance')!
    expect(rows.filter((r) => cents(r) >= 150_000 && cents(r) <= 600_099 && r.sender.country !== r.receiver.country).length).toBeGreaterThan(20)
    const parents = new Map<string, Rec[]>()
    for (const r of rows) parents.set(r.receiver.id, [...(parents.get(r.receiver.id) ?? []), r])
    const siblings = [...parents.values()].filter((rs) => new Set(rs.map((r) => r.sender.id)).size >= 2 && new Set(rs.map((r) => `${r.sender.country}/${r.sender.city}`)).size >= 2)
    expect(siblings.length).toBeGreaterThan(5)
    expect(rows.some((r) => ['Tijuana', 'Ciudad Juarez', 'Van', 'Sfax', 'Kupang', 'Vlore', 'Reynosa', 'Nuevo Laredo', 'Istanbul', 'Bodrum'].includes(r.receiver.city))).toBe(true)
  })

  it('name near misses carry a surname frequent on sanctions lists; phone near misses are one digit from an indicator', () => {
    const listed = new Set(Object.values(LISTED_SURNAMES).flat().flatMap((s) => [s, WITH_ACCENTS[s] ?? s]))
    for (const r of fams.get('name_near_miss')!) {
      const words = [r.sender, r.receiver].flatMap((p) => (p.name ?? '').split(' '))
      expect(words.some((w: string) => listed.has(w)), `${r.sender.name} / ${r.receiver.name}`).toBe(true)
    }
    const phones = indicators.filter((i) => i[0] === 'phone').map((i) => i[1]!)
    const oneAway = (a: string, b: string) => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1
    for (const r of fams.get('phone_near_miss')!) expect(phones.some((p) => oneAway(p, r.receiver.phone)), r.receiver.phone).toBe(true)
  })

  it('cash takings: deposits just under 10,000 at the shop\'s own branch, never two within a week', () => {
    const near = new Map<string, number[]>()
    const branches = new Map<string, Set<string>>()
    for (const r of fams.get('cash_takings')!) {
      if (r.channel === 'cash') branches.set(r.receiver.id, (branches.get(r.receiver.id) ?? new Set()).add(r.location.branch))
      if (r.channel !== 'cash' || cents(r) < 850_000) continue
      expect(cents(r)).toBeLessThan(1_000_000)
      near.set(r.receiver.id, [...(near.get(r.receiver.id) ?? []), ms(r)])
    }
    expect(near.size).toBeGreaterThan(0)
    for (const b of branches.values()) expect(b.size).toBe(1)
    for (const times of near.values()) {
      times.sort((a, b) => a - b)
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(7 * DAY)
    }
  })
})
