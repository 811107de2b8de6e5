import { describe, expect, it } from 'vitest'
import { formatReport, table } from '../../src/eval/format-report.ts'
import { addRecord, newTally, summarise } from '../../src/eval/tally.ts'

describe('formatReport', () => {
  it('aligns columns', () => {
    expect(table(['a', 'bb'], [['xyz', '1'], ['q', '22']])).toBe('a    bb\n---  --\nxyz   1\nq    22')
  })
  it('prints the headline figures and one row per typology and rule', () => {
    const t = newTally()
    addRecord(t, { illicit: true, instance: 'I1', typology: 'cycle' }, { flagged: true, rules: ['cycle'] })
    addRecord(t, { illicit: false, instance: '', typology: '' }, { flagged: false, rules: [] })
    const text = formatReport(summarise(t))
    expect(text).toContain('precision 1.000  recall 1.000  F1 1.000')
    expect(text).toContain('benign alert rate 0.0% (0 of 1)')
    expect(text).toMatch(/^cycle\s+1\s+1\s+1\.000\s+1\s+1$/m)
  })
})
