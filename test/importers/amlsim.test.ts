import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/record/schema.ts'
import { readAmlsim } from '../../src/importers/amlsim.ts'
import { writeImport } from '../../src/importers/pipeline.ts'
import { readOutput } from '../gen/read-output.ts'

const fixtures = join(import.meta.dirname, '../../fixtures/amlsim')
const shared = join(import.meta.dirname, '../../../shared/data/aml-patterns/amlsim-samples')

async function importDir(path: string) {
  const dir = mkdtempSync(join(tmpdir(), 'txas-'))
  await writeImport(readAmlsim(path), { outDir: dir, prefix: 'as' })
  return readOutput(dir)
}

/** transfers whose two ends are fraud accounts, counted straight from the CSV files */
function fraudToFraud(dir: string): number {
  const fraud = new Set(readFileSync(join(dir, 'nodes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((f) => f[1] === '1').map((f) => f[0]))
  return readFileSync(join(dir, 'transactions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((f) => fraud.has(f[0]) && fraud.has(f[1])).length
}

const invalid = (records: any[]) => records.filter((r) => !TransferRecordSchema.safeParse(r).success)
const outOfOrder = (records: any[]) => records.filter((r, i) => i > 0 && r.timestamp < records[i - 1].timestamp)

describe('AMLSim conversion', () => {
  it('nodes + transactions: illicit when both ends are fraud accounts; one step is one day', async () => {
    // fixtures/amlsim/nodes: 44 transactions of amlsim-samples/20K_fanin200 (25 first rows, 12 fraud-to-fraud,
    // 8 fraud-to-normal) and the nodes they touch
    const dir = join(fixtures, 'nodes')
    const { records, labels } = await importDir(dir)
    expect(records.length).toBe(44)
    expect(invalid(records)).toEqual([])
    expect(outOfOrder(records)).toEqual([])
    expect(labels.filter((l) => l.illicit).length).toBe(fraudToFraud(dir))
    expect(labels.filter((l) => l.illicit).every((l) => l.typology === 'fan_in' && /^amlsim-\d+$/.test(l.instance))).toBe(true)
    expect(records[0].timestamp.startsWith('2026-01-02')).toBe(true) // step 1
    expect(records[0].sender.id).toMatch(/^amlsim:\d+$/)
  })

  it('accounts + alerts: alert id is the instance, alert type the typology', async () => {
    const { records, labels } = await importDir(join(fixtures, 'alerts'))
    expect(records.length).toBe(40)
    expect(invalid(records)).toEqual([])
    expect(outOfOrder(records)).toEqual([])
    expect(new Set(labels.map((l) => l.typology))).toEqual(new Set(['fan_in', 'cycle']))
    expect(labels.every((l) => /^alert-\d+$/.test(l.instance))).toBe(true)
    expect(records.every((r) => r.sender.country === 'US')).toBe(true)
  })

  it.skipIf(!existsSync(shared))('imports the shared samples in full', async () => {
    // one of the two 118k-transaction samples keeps the suite fast; both have the same layout
    for (const name of ['20K_cycle200']) {
      const { records, labels } = await importDir(join(shared, name))
      expect(records.length).toBeGreaterThan(117_000)
      expect(outOfOrder(records)).toEqual([])
      expect(labels.filter((l) => l.illicit).length).toBe(fraudToFraud(join(shared, name)))
    }
    const alerts = await importDir(join(shared, 'alerts-10k'))
    expect(alerts.records.length).toBe(1719)
    expect(new Set(alerts.labels.map((l) => l.instance)).size).toBe(391)
  })
})
