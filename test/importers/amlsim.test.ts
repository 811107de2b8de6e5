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

  it("AMLSim's own output: SAR transfers are illicit, alert id the instance, the alert's type the typology", async () => {
    const { records, labels } = await importDir(join(fixtures, 'standard'))
    // the zero-amount row is skipped
    expect(records.length).toBe(8)
    expect(invalid(records)).toEqual([])
    expect(outOfOrder(records)).toEqual([])
    const byId = new Map(labels.map((l) => [l.id, l]))
    const label = (sender: string) => byId.get(records.find((r) => r.sender.id === `amlsim:${sender}`).id)!
    expect(label('20')).toMatchObject({ illicit: true, instance: 'alert-7', typology: 'cycle' })
    expect(label('31')).toMatchObject({ illicit: true, instance: 'alert-8', typology: 'fan_in' })
    // an alert AMLSim marks as not SAR, and a transfer outside any alert, stay benign
    expect(label('40').illicit).toBe(false)
    expect(label('10').illicit).toBe(false)
    expect(records[0].timestamp).toBe('2017-01-01T00:00:00Z')
    expect(records.find((r) => r.receiver.id === 'amlsim:33').receiver.country).toBe('CA')
  })

  it("AMLSim's own output, upper-case columns with steps and alert_accounts.csv", async () => {
    const { records, labels } = await importDir(join(fixtures, 'standard-upper'))
    expect(records.length).toBe(4)
    expect(outOfOrder(records)).toEqual([])
    const illicit = labels.filter((l) => l.illicit)
    expect(illicit.map((l) => [l.instance, l.typology])).toEqual([['alert-193', 'fan_in'], ['alert-193', 'fan_in']])
    expect(records[0].timestamp.startsWith('2026-01-01')).toBe(true) // step 0
  })

  it("the simulator's raw tx_log.csv (step, nameOrig, nameDest, isSAR, alertID)", async () => {
    const { records, labels } = await importDir(join(fixtures, 'txlog'))
    expect(records.length).toBe(3)
    expect(invalid(records)).toEqual([])
    expect(labels.filter((l) => l.illicit).map((l) => [l.instance, l.typology])).toEqual([['alert-7', 'cycle'], ['alert-7', 'cycle']])
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
