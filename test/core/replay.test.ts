import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRuleset, Screener, TransferRecordSchema, type TransferRecord } from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

const FIXTURE = join(import.meta.dirname, '../../fixtures/generated/records.ndjson')
const LABELS = join(import.meta.dirname, '../../fixtures/generated/labels.csv')

describe('replaying history for a real-time screen', () => {
  it('gives the same verdict when only the screened transfer\'s entities are kept', async () => {
    const compiled = compileRuleset(await readRuleSources())
    if (!compiled.ok) throw new Error('the shipped pack does not compile')
    const records: TransferRecord[] = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .slice(0, 12_000)
      .filter(Boolean)
      .map((l) => TransferRecordSchema.parse(JSON.parse(l)))
    const illicit = new Set(
      readFileSync(LABELS, 'utf8')
        .split('\n')
        .filter((l) => l.split(',')[1] === '1')
        .map((l) => l.split(',')[0]),
    )
    // planted transfers (which the pack mostly flags) and ordinary ones, each after the 1,500 transfers before it
    const positions = records.map((r, i) => i).filter((i) => i >= 1_500 && illicit.has(records[i]!.id)).filter((_i, n) => n % 20 === 0)
    positions.push(2_000, 5_000, 9_000)
    let alerting = 0
    for (const at of positions) {
      const target = records[at]!
      const history = records.slice(at - 1_500, at)
      const full = new Screener(compiled.ruleset)
      for (const r of history) full.observe(r)
      const partial = new Screener(compiled.ruleset)
      const only = new Set(partial.entityKeys(target))
      for (const r of history) partial.observe(r, only)
      const expected = full.screen(target)
      expect(partial.screen(target)).toEqual(expected)
      if (expected.decision !== 'clear') alerting++
      expect(partial.liveEntities).toBeLessThanOrEqual(full.liveEntities)
    }
    // the equivalence must have been tried on verdicts that carry hits, not only on clear ones
    expect(alerting).toBeGreaterThanOrEqual(3)
  })
})
