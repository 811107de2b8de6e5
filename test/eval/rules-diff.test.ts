import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/commands/rules.ts'
import { runCommand } from './eval-run.ts'

// Two one-rule packs that differ in one band edge: the base alerts on a payer's third payment in a week, the
// candidate on the second. Alice pays three times (illicit), carol twice (benign), erin once.
const ruleset = `kind: ruleset
name: diff-test
version: 1
base_currency: USD
rates: { EUR: "1.10" }
lateness: 1h
thresholds: { review: 40, block: 80 }
rules:
  repeat-payer: { weight: 1 }
`
const rule = (from: number) => `kind: rule
id: repeat-payer
version: 1
title: A payer pays again within a week
typology: test
source: test
entity: sender.id
window: 7d
measures:
  payments: { count: true }
score:
  measure: payments
  bands:
    - { from: ${from}, score: 50 }
reason: "{payments} payments from {entity} within {window}"
`
const day = (d: number) => `2026-03-0${d}T09:00:00Z`
const record = (id: string, d: number, from: string) =>
  JSON.stringify({ id, timestamp: day(d), amount: '100', currency: 'USD', channel: 'wire', sender: { id: from, type: 'person' }, receiver: { id: 'shop', type: 'person' } })

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-diff-'))
  for (const [name, from] of [['base', 3], ['candidate', 2]] as const) {
    await mkdir(join(dir, name))
    await writeFile(join(dir, name, 'ruleset.yaml'), ruleset)
    await writeFile(join(dir, name, 'repeat-payer.yaml'), rule(from))
  }
  const records = [record('a1', 1, 'alice'), record('c1', 1, 'carol'), record('a2', 2, 'alice'), record('c2', 2, 'carol'), record('a3', 3, 'alice'), record('e1', 3, 'erin')]
  await writeFile(join(dir, 'records.ndjson'), records.join('\n') + '\n')
  await writeFile(join(dir, 'labels.csv'), 'id,is_illicit,instance_id,typology\na1,1,I1,test\na2,1,I1,test\na3,1,I1,test\nc1,0,,\nc2,0,,\ne1,0,,\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const diff = (args: string[]) => runCommand(run, ['diff', ...args])

describe('txscreen rules diff', () => {
  it('reports the alerts a candidate adds, by rule, with the labels', async () => {
    const { code, out, err } = await diff(['--base', join(dir, 'base'), '--candidate', join(dir, 'candidate'), join(dir, 'records.ndjson'), '--labels', join(dir, 'labels.csv'), '--json'])
    expect(code, err).toBe(0)
    const r = JSON.parse(out)
    expect(r.records).toBe(6)
    expect(r.base).toMatchObject({ alerts: 1, review: 1, block: 0, precision: 1, falseAlerts: 0 })
    expect(r.base.recall).toBeCloseTo(1 / 3)
    // the candidate also alerts on alice's second payment and carol's second, a false alert
    expect(r.candidate).toMatchObject({ alerts: 3, precision: 2 / 3, falseAlerts: 1 })
    expect(r.candidate.recall).toBeCloseTo(2 / 3)
    expect(r.added.count).toBe(2)
    expect(r.added.sample.map((c: { id: string }) => c.id)).toEqual(['a2', 'c2'])
    expect(r.added.sample[1]).toMatchObject({ line: 4, illicit: false, base: { decision: 'clear' }, candidate: { decision: 'review', rules: ['repeat-payer'] } })
    expect(r.removed.count).toBe(0)
    expect(r.alertVolumeChange).toEqual({ absolute: 2, relative: 2 })
    expect(r.byRule['repeat-payer']).toEqual({
      base: 1, candidate: 3, added: 2, removed: 0, baseIllicit: 1, candidateIllicit: 2, baseFalseAlerts: 0, candidateFalseAlerts: 1,
    })
  })

  it('reads the other way round as removals, and prints text without --json', async () => {
    const { code, out, err } = await diff(['--base', join(dir, 'candidate'), '--candidate', join(dir, 'base'), join(dir, 'records.ndjson')])
    expect(code, err).toBe(0)
    expect(out).toContain('alert volume: -2 (-66.7 %); 0 added, 2 removed')
    expect(out).toContain('repeat-payer: 3 -> 1 (+0 -2)')
    expect(out).toContain('line 3 a2: review 50 repeat-payer -> clear 0')
  })

  it('refuses stdin and a missing side with exit 2', async () => {
    expect((await diff(['--base', join(dir, 'base'), '--candidate', join(dir, 'candidate'), '-'])).err).toContain('not stdin')
    const missing = await diff(['--base', join(dir, 'base'), join(dir, 'records.ndjson')])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--base and --candidate are required')
  })
})
