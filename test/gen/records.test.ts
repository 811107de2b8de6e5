import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/record/schema.ts'
import { generate } from '../../src/gen/generate.ts'
import { instances, readOutput, type LabelRow } from './read-output.ts'

// a run of the generator as it stands: 20,000 records, seed 7, every hard-negative family on
let records: any[]
let labels: LabelRow[]
let header: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-rec-'))
  await generate({ seed: 7, records: 20000, outDir: dir, start: '2026-01-01' })
  ;({ records, labels, labelHeader: header } = readOutput(dir))
})

describe('generated records', () => {
  it('are all valid transfer records (interchange form v1)', () => {
    const bad = records.filter((r) => !TransferRecordSchema.safeParse(r).success)
    expect(bad.length).toBe(0)
    expect(records.length).toBe(20000)
  })

  it('are in time order', () => {
    const outOfOrder = records.filter((r, i) => i > 0 && r.timestamp < records[i - 1].timestamp)
    expect(outOfOrder).toEqual([])
  })

  it('carry no labels and opaque sequence ids', () => {
    expect(records.filter((r, i) => r.id !== `t${String(i + 1).padStart(9, '0')}`)).toEqual([])
    const keys = new Set(records.flatMap((r) => Object.keys(r)))
    expect([...keys].sort()).toEqual(['amount', 'channel', 'currency', 'device', 'id', 'location', 'purpose', 'receiver', 'reference', 'sender', 'timestamp'])
    // party ids must not tell planted parties apart: all share one shape
    expect(records.filter((r) => !/^c[0-9a-f]{8}$/.test(r.sender.id) || !/^c[0-9a-f]{8}$/.test(r.receiver.id))).toEqual([])
  })

  it('have one label row per record, in the same order', () => {
    expect(header).toBe('id,is_illicit,instance_id,typology,family')
    expect(labels.length).toBe(records.length)
    expect(labels.filter((l, i) => l.id !== records[i].id)).toEqual([])
    // benign rows name their family and nothing else; illicit rows their instance and typology and no family
    expect(labels.filter((l) => !l.illicit && (l.instance + l.typology !== '' || l.family === ''))).toEqual([])
    expect(labels.filter((l) => l.illicit && (l.instance === '' || l.typology === '' || l.family !== ''))).toEqual([])
  })

  it('keep illicit transfers between 1% and 3% of all records', () => {
    const share = labels.filter((l) => l.illicit).length / labels.length
    expect(share).toBeGreaterThan(0.01)
    expect(share).toBeLessThan(0.03)
  })

  it('give every instance one typology and one to a few dozen transfers', () => {
    for (const [id, inst] of instances(records, labels)) {
      expect(inst.records.length, id).toBeGreaterThanOrEqual(1)
      expect(inst.records.length, id).toBeLessThanOrEqual(70)
      expect(labels.filter((l) => l.instance === id).every((l) => l.typology === inst.typology)).toBe(true)
    }
  })

  it('include the benign background the naive rules trip on', () => {
    const benign = records.filter((_, i) => !labels[i]!.illicit)
    const feeSizedRemittances = benign.filter((r) => r.sender.country !== r.receiver.country && ['IQ', 'SY', 'MX', 'GT', 'TN', 'BD'].includes(r.receiver.country) && Number(r.amount) >= 200 && Number(r.amount) <= 5000)
    expect(feeSizedRemittances.length).toBeGreaterThan(100)
    expect(benign.filter((r) => /\b(trip|boat|travel|viaje|holiday)\b/i.test(r.reference ?? '')).length).toBeGreaterThan(20)
    expect(benign.filter((r) => r.channel === 'cash' && Number(r.amount) >= 8000 && Number(r.amount) < 10000).length).toBeGreaterThan(0)
    expect(benign.filter((r) => r.currency === 'USDT').length).toBeGreaterThan(50)
    expect(new Set(benign.map((r) => r.sender.type))).toEqual(new Set(['person', 'business', 'msb']))
    // payroll fan-out: one employer pays many people on one day
    const payroll = new Map<string, Set<string>>()
    for (const r of benign) if (r.purpose === 'salary') payroll.set(r.sender.id + r.timestamp.slice(0, 10), (payroll.get(r.sender.id + r.timestamp.slice(0, 10)) ?? new Set()).add(r.receiver.id))
    expect(Math.max(...[...payroll.values()].map((s) => s.size))).toBeGreaterThanOrEqual(10)
  })
})
