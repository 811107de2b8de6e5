import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/record/schema.ts'
import { normaliseAmount, parseAmlworldTime, readAmlworld, type AmlworldStats } from '../../src/importers/amlworld.ts'
import { writeImport } from '../../src/importers/pipeline.ts'
import { readOutput } from '../gen/read-output.ts'

const fixtures = join(import.meta.dirname, '../../fixtures/amlworld')
const shared = join(import.meta.dirname, '../../../shared/data/aml-patterns/amlworld-hi-small/derived_pattern_transactions_flat.csv')

async function importFile(path: string, background = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'txaw-'))
  const stats: AmlworldStats = { rows: 0, skipped: 0, reasons: new Map() }
  const summary = await writeImport(readAmlworld(path, stats), { outDir: dir, prefix: 'aw', background, seed: 3 })
  return { ...readOutput(dir), summary, stats }
}

const invalid = (records: any[]) => records.filter((r) => !TransferRecordSchema.safeParse(r).success)
const outOfOrder = (records: any[]) => records.filter((r, i) => i > 0 && r.timestamp < records[i - 1].timestamp)

describe('AMLworld conversion', () => {
  it('reads times as UTC and keeps amounts exact', () => {
    expect(new Date(parseAmlworldTime('2022/09/01 00:06')).toISOString()).toBe('2022-09-01T00:06:00.000Z')
    expect(parseAmlworldTime('01/09/2022 00:06')).toBeNaN()
    expect(normaliseAmount('0.370287')).toBe('0.370287')
    expect(normaliseAmount('5738987.96')).toBe('5738987.96')
    expect(normaliseAmount('12.50')).toBe('12.5')
    expect(normaliseAmount('0.00')).toBeUndefined()
    expect(normaliseAmount('1e5')).toBeUndefined()
  })

  it('imports the original transaction layout, reading the two Account columns by position', async () => {
    // fixtures/amlworld/transactions-excerpt.csv: 40 rows of transactions_sample.csv and 7 rows of the pattern
    // file, rewritten into the original AMLworld header
    const { records, labels, summary } = await importFile(join(fixtures, 'transactions-excerpt.csv'))
    expect(records.length).toBe(47)
    expect(invalid(records)).toEqual([])
    expect(outOfOrder(records)).toEqual([])
    const first = records.find((r) => r.id === 'aw-2')
    expect(first).toMatchObject({ timestamp: '2022-09-01T00:20:00Z', amount: '0.01', currency: 'USD', channel: 'cheque', sender: { id: '3208:8000F4580', account: '8000F4580', institution: '3208' }, receiver: { id: '1:8000F5340' } })
    expect(records.find((r) => r.currency === 'BTC')).toMatchObject({ amount: '0.370287', channel: 'crypto' })
    expect(new Set(records.map((r) => r.currency))).toEqual(new Set(['USD', 'EUR', 'CNY', 'BTC']))
    // Is Laundering = 1 rows are illicit without an instance
    expect(summary.illicit).toBe(7)
    expect(labels.filter((l) => l.illicit).every((l) => l.instance === '' && l.typology === '')).toBe(true)
  })

  it('labels pattern rows with their pattern id and family', async () => {
    const { records, labels } = await importFile(join(fixtures, 'patterns-excerpt.csv'))
    expect(records.length).toBe(50)
    expect(invalid(records)).toEqual([])
    expect(labels.every((l) => l.illicit && /^IBM-\d{4}$/.test(l.instance))).toBe(true)
    expect(labels.find((l) => l.instance === 'IBM-0001')?.typology).toBe('FAN-OUT')
  })

  it.skipIf(!existsSync(shared))('imports the whole pattern file: 3,209 transactions in 370 instances', async () => {
    const { records, labels } = await importFile(shared)
    expect(records.length).toBe(3209)
    expect(invalid(records)).toEqual([])
    expect(outOfOrder(records)).toEqual([])
    expect(new Set(labels.map((l) => l.instance)).size).toBe(370)
    const families = new Map<string, Set<string>>()
    for (const l of labels) families.set(l.typology, (families.get(l.typology) ?? new Set()).add(l.instance))
    const counts = Object.fromEntries([...families].map(([f, s]) => [f, s.size]))
    expect(counts).toEqual({ 'FAN-OUT': 48, 'FAN-IN': 40, CYCLE: 54, 'GATHER-SCATTER': 51, 'SCATTER-GATHER': 44, STACK: 43, BIPARTITE: 49, RANDOM: 41 })
  })

  it.skipIf(!existsSync(shared))('places the patterns into generated background over the same days', async () => {
    const { records, labels, summary } = await importFile(shared, 20000)
    expect(records.length).toBe(3209 + 20000)
    expect(summary.illicit).toBe(3209)
    expect(invalid(records.slice(0, 3000))).toEqual([])
    expect(outOfOrder(records)).toEqual([])
    records.forEach((r, i) => {
      if (r.id !== `aw-${i + 1}`) throw new Error(`id ${r.id} at ${i}`)
    })
    // pattern accounts and background accounts never meet
    const patternParties = new Set(records.filter((_, i) => labels[i]!.illicit).flatMap((r) => [r.sender.id, r.receiver.id]))
    expect(records.filter((r, i) => !labels[i]!.illicit && (patternParties.has(r.sender.id) || patternParties.has(r.receiver.id)))).toEqual([])
    const days = (rs: any[]) => new Set(rs.map((r) => r.timestamp.slice(0, 10)))
    expect(days(records.filter((_, i) => !labels[i]!.illicit))).toEqual(days(records.filter((_, i) => labels[i]!.illicit)))
  })

  it('writes the same bytes twice', async () => {
    const a = mkdtempSync(join(tmpdir(), 'txaw-'))
    const b = mkdtempSync(join(tmpdir(), 'txaw-'))
    for (const dir of [a, b]) await writeImport(readAmlworld(join(fixtures, 'patterns-excerpt.csv'), { rows: 0, skipped: 0, reasons: new Map() }), { outDir: dir, prefix: 'aw', background: 500, seed: 4 })
    expect(readFileSync(join(a, 'records.ndjson')).equals(readFileSync(join(b, 'records.ndjson')))).toBe(true)
  })
})
