import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { needsLists, partitionRules, ruleCost } from '../../src/batch/partition.ts'
import { mainThreadWork } from '../../src/batch/threaded-engine.ts'
import { compileRuleset, measureRuleActivity, TransferRecordSchema, type TransferRecord } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

const FIXTURE = join(import.meta.dirname, '../../fixtures/generated/records.ndjson')

describe('splitting the rules across threads', () => {
  it('puts every rule of the shipped pack in exactly one share, list rules on the main thread, each share in ruleset order', async () => {
    const result = compileRuleset(await readRuleSources())
    if (!result.ok) throw new Error('the shipped pack must compile')
    const ruleset = result.ruleset
    for (const threads of [1, 2, 3, 8]) {
      const shares = partitionRules(ruleset, threads)
      expect(shares.length).toBeLessThanOrEqual(threads)
      expect(shares.flat().sort((a, b) => a - b)).toEqual(ruleset.rules.map((_r, i) => i))
      for (const s of shares) expect(s).toEqual([...s].sort((a, b) => a - b))
      for (const s of shares.slice(1)) expect(s.some((i) => needsLists(ruleset.rules[i]!))).toBe(false)
    }
  })

  it('weighs rules by their activity on a sample, so the busiest rules do not all land on one thread', async () => {
    const result = compileRuleset(await readRuleSources())
    if (!result.ok) throw new Error('the shipped pack must compile')
    const ruleset = result.ruleset
    const records = readFileSync(FIXTURE, 'utf8').split('\n').slice(0, 2_000).filter(Boolean).map((l) => TransferRecordSchema.parse(JSON.parse(l)))
    const activity = measureRuleActivity(ruleset, records)
    const byId = new Map(ruleset.rules.map((r, i) => [r.id, activity[i]!]))
    // every transfer has a sender and a receiver phone; a cash-only rule sees almost none of them
    expect(byId.get('shared-phone')!.adds).toBeGreaterThan(1.5)
    expect(byId.get('cash-structuring-24h')!.adds).toBeLessThan(0.2)
    const shares = partitionRules(ruleset, 2, { activity })
    const cost = (s: number[]) => s.reduce((t, i) => t + ruleCost(ruleset.rules[i]!, activity[i]), 0)
    // both shares carry about the same rule work: the heaviest rule costs more than the gap
    const heaviest = Math.max(...ruleset.rules.map((r, i) => ruleCost(r, activity[i])))
    expect(Math.abs(cost(shares[1]!) - cost(shares[0]!))).toBeLessThan(heaviest)

    // the main thread's other work counts against its share: it gets that much less rule work
    const offset = partitionRules(ruleset, 2, { activity, mainThreadWork: 20 })
    const gap = cost(offset[1]!) - cost(offset[0]!)
    expect(gap).toBeGreaterThan(20 - heaviest)
    expect(gap).toBeLessThan(20 + heaviest)
  })

  it("counts the main thread's own work by the records' size, as fitted to per-thread CPU of two-thread batches", () => {
    // records whose JSON text is `chars` long (only the length counts)
    const sample = (chars: number) => Array.from({ length: 10 }, () => ({ pad: 'x'.repeat(chars - 10) }) as unknown as TransferRecord)
    expect(JSON.stringify(sample(590)[0]).length).toBe(590)
    // threads30's fit: on the seed-42 bench file (about 590 characters a record) the main thread's parsing,
    // encoding and writing cost what 26 units of rules do, on the many-parties file (about 330) 15
    expect(mainThreadWork(sample(590))).toBeCloseTo(25.8, 0)
    expect(mainThreadWork(sample(333))).toBeCloseTo(15, 0)
  })
})
