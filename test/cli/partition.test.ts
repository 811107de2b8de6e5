import { describe, expect, it } from 'vitest'
import { needsLists, partitionRules } from '../../src/batch/partition.ts'
import { compileRuleset } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

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
})
