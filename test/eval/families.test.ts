import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/commands/eval.ts'
import { formatReport } from '../../src/eval/format-report.ts'
import { parseLabels } from '../../src/eval/labels.ts'
import { addRecord, newTally, summarise } from '../../src/eval/tally.ts'
import { BENIGN_FAMILY_NAMES } from '../../src/gen/benign/families.ts'
import { generate } from '../../src/gen/generate.ts'

describe('labels with a family column', () => {
  it('are read by the same parser; files without the column carry no family', () => {
    const withFamily = parseLabels('id,is_illicit,instance_id,typology,family\na,0,,,savings_club\nb,1,I1,cycle,\nc,0,,,everyday\n')
    expect(withFamily.get('a')).toEqual({ illicit: false, instance: '', typology: '', family: 'savings_club' })
    expect(withFamily.get('b')).toEqual({ illicit: true, instance: 'I1', typology: 'cycle' })
    const without = parseLabels('id,is_illicit,instance_id,typology\na,0,,\n')
    expect(without.get('a')).toEqual({ illicit: false, instance: '', typology: '' })
    expect(() => parseLabels('id,typology,is_illicit\n')).toThrow(/expected the header/)
  })

  it('give false alerts per family, with the rules behind them; without families the report is as before', () => {
    const t = newTally()
    addRecord(t, { illicit: false, instance: '', typology: '', family: 'savings_club' }, { flagged: true, rules: ['fan-in', 'fee-band'] })
    addRecord(t, { illicit: false, instance: '', typology: '', family: 'savings_club' }, { flagged: false, rules: [] })
    addRecord(t, { illicit: false, instance: '', typology: '', family: 'everyday' }, { flagged: false, rules: [] })
    addRecord(t, { illicit: true, instance: 'I1', typology: 'cycle' }, { flagged: true, rules: ['cycle'] })
    const report = summarise(t)
    expect(report.families).toEqual([
      { family: 'savings_club', transactions: 2, falseAlerts: 1, alertRate: 0.5, rules: { 'fan-in': 1, 'fee-band': 1 } },
      { family: 'everyday', transactions: 1, falseAlerts: 0, alertRate: 0, rules: {} },
    ])
    expect(formatReport(report)).toMatch(/^savings_club\s+2\s+1\s+50\.0%\s+fan-in 1, fee-band 1$/m)
    const old = newTally()
    addRecord(old, { illicit: false, instance: '', typology: '' }, { flagged: true, rules: ['fan-in'] })
    expect('families' in summarise(old)).toBe(false)
    expect(formatReport(summarise(old))).not.toContain('per benign family')
  })
})

describe('txscreen eval on a generated run', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'txscreen-eval-fam-'))
    // seed 9: on seed 8, since sanctioned_name joined the rounds, no phone is planted early enough for phone_near_miss
    await generate({ seed: 9, records: 12_000, outDir: dir, start: '2026-05-01' })
  }, 60_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('reports every family, and the families add up to the benign figures', async () => {
    let out = ''
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk)
      return true
    })
    try {
      expect(await run([join(dir, 'records.ndjson'), '--labels', join(dir, 'labels.csv'), '--json'])).toBe(0)
    } finally {
      spy.mockRestore()
    }
    const report = JSON.parse(out)
    const families: { family: string; transactions: number; falseAlerts: number; rules: Record<string, number> }[] = report.families
    expect(families.map((f) => f.family).sort()).toEqual([...BENIGN_FAMILY_NAMES, 'everyday'].sort())
    expect(families.reduce((n, f) => n + f.transactions, 0)).toBe(report.benign)
    expect(families.reduce((n, f) => n + f.falseAlerts, 0)).toBe(report.transactions.falsePositives)
    // the hard negatives do trip the shipped pack: some family raises false alerts
    expect(families.some((f) => f.family !== 'everyday' && f.falseAlerts > 0)).toBe(true)
    for (const f of families) if (f.falseAlerts > 0) expect(Object.keys(f.rules).length).toBeGreaterThan(0)
  }, 60_000)
})
