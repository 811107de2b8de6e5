import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvalReport } from '../../src/eval/tally.ts'
import { generate } from '../../src/gen/generate.ts'
import { evaluatePack } from './support/screen-pack.ts'

// The shipped pack on listed people written another way (sanctioned_name) among customers who carry dates of birth
// and share names with listed people (everyday namesakes, name_near_miss), screened against the vendored OFAC SDN
// 2019 and UN subsets. sanctions-name was tuned on seeds 2391-2393 (docs/rules.md, "Sanctioned names"); seed 2397
// was generated for this test only, after the tuning. When written: 49 of 50 instances found (0.98), 8 false alerts
// of 50,299 benign transfers (0.016 %). The bars are the target (0.9 of the instances) and the rule's
// false-alert budget (0.25 % of benign transfers).
let dir = ''
let report: EvalReport

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-sanctioned-'))
  await generate({ seed: 2397, records: 60_000, illicitShare: 0.2, outDir: dir, start: '2026-01-01' })
  report = await evaluatePack(dir)
}, 300_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('sanctioned names through the shipped pack, on a seed it was not tuned on', () => {
  it('finds at least 90 % of the sanctioned_name instances, and the rule stays within its false-alert budget', () => {
    const t = report.typologies.find((x) => x.typology === 'sanctioned_name')!
    const rule = report.rules.find((r) => r.rule === 'sanctions-name')!
    console.info(`sanctioned_name ${t.found}/${t.instances}; sanctions-name ${rule.falseAlerts} false alerts of ${report.benign} benign transfers`)
    expect(t.instances).toBeGreaterThanOrEqual(30)
    expect(t.found / t.instances).toBeGreaterThanOrEqual(0.9)
    expect(rule.falseAlerts / report.benign).toBeLessThanOrEqual(0.0025)
  })
})
