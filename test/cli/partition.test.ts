import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { needsLists, partitionRules, ruleCost } from '../../src/batch/partition.ts'
import { compileRuleset, measureRuleActivity, TransferRecordSchema } from '../../src/core/index.ts'
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
})
