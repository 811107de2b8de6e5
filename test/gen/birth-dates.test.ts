import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_BIRTH_DATE_SHARE } from '../../src/gen/birth-dates.ts'
import { generate } from '../../src/gen/generate.ts'
import { DEFAULT_SANCTIONS_LIST } from '../../src/gen/sanctioned/listed-people.ts'
import { loadList } from '../../src/lists/load.ts'

// Generated people carry a date of birth as a bank's customers do; planted listed people carry the list's.
const START = Date.parse('2026-01-01T00:00:00Z')
let withDates: string
let without: string

async function run(birthDates?: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-dob-'))
  await generate({ seed: 11, records: 25_000, illicitShare: 0.2, outDir: dir, start: '2026-01-01', ...(birthDates !== undefined && { birthDates }) })
  return dir
}

const records = (dir: string) => readFileSync(join(dir, 'records.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))

function parties(dir: string): Map<string, any> {
  const out = new Map<string, any>()
  for (const r of records(dir)) for (const p of [r.sender, r.receiver]) out.set(p.id, p)
  return out
}

beforeAll(async () => {
  ;[withDates, without] = [await run(), await run(0)]
}, 120_000)

describe('dates of birth in generated data', () => {
  it(`are carried by about ${DEFAULT_BIRTH_DATE_SHARE} of the people, none of the businesses or wallets, at ages 18-90`, () => {
    const all = [...parties(withDates).values()]
    const people = all.filter((p) => p.type === 'person' && p.institution !== 'TRON')
    const dated = people.filter((p) => p.dateOfBirth !== undefined)
    expect(dated.length / people.length).toBeGreaterThan(DEFAULT_BIRTH_DATE_SHARE - 0.05)
    expect(dated.length / people.length).toBeLessThan(DEFAULT_BIRTH_DATE_SHARE + 0.05)
    expect(all.filter((p) => p.type !== 'person' || p.institution === 'TRON').some((p) => p.dateOfBirth !== undefined)).toBe(false)
    for (const p of dated) {
      expect(p.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      const age = (START - Date.parse(p.dateOfBirth)) / (365.25 * 86_400_000)
      expect(age).toBeGreaterThanOrEqual(18)
      expect(age).toBeLessThan(91)
    }
  })

  it('change no other draw: without them (--birth-dates 0) the run is the same but for the dates', () => {
    const a = records(withDates)
    const b = records(without)
    expect(a.length).toBe(b.length)
    const strip = (r: any) => JSON.stringify({ ...r, sender: { ...r.sender, dateOfBirth: undefined }, receiver: { ...r.receiver, dateOfBirth: undefined } })
    const listedIds = new Set(readFileSync(join(withDates, 'listed.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]))
    for (let i = 0; i < a.length; i++) expect(strip(a[i]), a[i].id).toBe(strip(b[i]))
    // only planted listed people carry a date with --birth-dates 0 (the list's)
    for (const p of parties(without).values()) if (p.dateOfBirth !== undefined) expect(listedIds.has(p.id)).toBe(true)
    expect(readFileSync(join(withDates, 'labels.csv'), 'utf8')).toBe(readFileSync(join(without, 'labels.csv'), 'utf8'))
  })

  it("give a planted listed person the list's date of birth most of the time, a full date in the listed year", async () => {
    const entries = new Map((await loadList(DEFAULT_SANCTIONS_LIST)).entries.map((e) => [e.id, e]))
    const byId = parties(withDates)
    let dated = 0
    let listedWithDate = 0
    for (const line of readFileSync(join(withDates, 'listed.csv'), 'utf8').trim().split('\n').slice(1)) {
      const [, partyId, , , , entryId] = line.split(',')
      const years = (entries.get(entryId!)?.birthDates ?? []).map((d) => d.slice(0, 4))
      if (years.length === 0) continue
      listedWithDate++
      const dob = byId.get(partyId!)?.dateOfBirth as string | undefined
      if (dob === undefined) continue
      dated++
      expect(dob).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(years).toContain(dob.slice(0, 4))
    }
    expect(listedWithDate).toBeGreaterThanOrEqual(15)
    expect(dated / listedWithDate).toBeGreaterThan(0.6)
    expect(dated).toBeLessThan(listedWithDate)
  })
})
