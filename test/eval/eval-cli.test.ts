import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { day, record, runEval } from './eval-run.ts'

// End to end: three structuring transfers from one sender (an instance of 3 records), two benign transfers.
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-eval-'))
  const records = [
    record('s1', day(1, 9), 'alice', 'bob', '2900'),
    record('n1', day(1, 10), 'carol', 'dave', '120'),
    record('s2', day(2, 9), 'alice', 'bob', '2850'),
    record('s3', day(3, 9), 'alice', 'bob', '2950'),
    record('n2', day(3, 10), 'erin', 'dave', '80'),
  ]
  await writeFile(join(dir, 'records.ndjson'), records.join('\n') + '\n')
  await writeFile(join(dir, 'labels.csv'), 'id,is_illicit,instance_id,typology\ns1,1,I1,structuring_transfer\nn1,0,,\ns2,1,I1,structuring_transfer\ns3,1,I1,structuring_transfer\nn2,0,,\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('txscreen eval', () => {
  it('screens with the shipped pack and reports against the labels', async () => {
    const { code, out } = await runEval([join(dir, 'records.ndjson'), '--labels', join(dir, 'labels.csv'), '--json'])
    expect(code).toBe(0)
    const report = JSON.parse(out)
    // the third near-threshold transfer within 7 days is the one structuring-transfer flags
    expect(report.transactions).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 2, trueNegatives: 2 })
    expect(report.instances).toEqual({ total: 1, found: 1, recall: 1 })
    expect(report.benignAlertRate).toBe(0)
    expect(report.typologies).toEqual([{ typology: 'structuring_transfer', instances: 1, found: 1, recall: 1, transactions: 3, flagged: 1 }])
    expect(report.rules.map((r: { rule: string }) => r.rule)).toContain('structuring-transfer')
  })

  it('warns when the records are out of time order, as its figures then describe an unsorted file', async () => {
    const reversed = join(dir, 'reversed.ndjson')
    const lines = [record('s3', day(3, 9), 'alice', 'bob', '2950'), record('s2', day(2, 9), 'alice', 'bob', '2850'), record('s1', day(1, 9), 'alice', 'bob', '2900')]
    await writeFile(reversed, lines.join('\n') + '\n')
    const results = [await runEval([reversed, '--labels', join(dir, 'labels.csv'), '--json']), await runEval([join(dir, 'records.ndjson'), '--labels', join(dir, 'labels.csv'), '--json'])]
    expect(results.map((r) => r.code)).toEqual([0, 0])
    const err = results.map((r) => r.err).join('')
    // once, for the reversed file: two records a day behind the one before them
    expect(err.match(/warning: 2 records came more than 1h \(the ruleset's lateness\)/g)).toHaveLength(1)
  })

  it('exits 2 without --labels', async () => {
    const { code, err } = await runEval([join(dir, 'records.ndjson')])
    expect(code).toBe(2)
    expect(err).toContain('--labels is required')
  })
})
