import { describe, expect, it } from 'vitest'
import { MAX_SWEEP_VALUES, parseSweepSpec } from '../../src/eval/sweep/spec.ts'

describe('parseSweepSpec', () => {
  it('reads a list of numbers or text, and an inclusive range counted in decimals', () => {
    expect(parseSweepSpec('fan-in:score.bands.0.from=2,3,4')).toEqual({ rule: 'fan-in', path: ['score', 'bands', '0', 'from'], values: [2, 3, 4] })
    expect(parseSweepSpec('cycle:window=3d, 7d,14d')).toEqual({ rule: 'cycle', path: ['window'], values: ['3d', '7d', '14d'] })
    expect(parseSweepSpec('r:require.ratio.gte=0.5:0.9:0.1')).toMatchObject({ values: [0.5, 0.6, 0.7, 0.8, 0.9] })
    expect(parseSweepSpec('r:x=10:1:-3')).toMatchObject({ values: [10, 7, 4, 1] })
    // a step that does not land on TO stops before it
    expect(parseSweepSpec('r:x=1:6:2')).toMatchObject({ values: [1, 3, 5] })
  })

  it.each([
    ['fan-in', /expected RULE:PATH=V1,V2/],
    ['Fan-In:x=1', /expected RULE:PATH=V1,V2/],
    ['fan-in:score..from=1', /the path "score..from" has an empty part/],
    ['fan-in:score.bands[0]=1', /a bad part "bands\[0\]"/],
    ['fan-in:x=', /no values after "="/],
    ['fan-in:x=1,,3', /value 2 of "1,,3" is empty/],
    ['fan-in:x=1,2,1', /the value 1 is given twice/],
    ['fan-in:x=1:2', /a range is FROM:TO:STEP with three numbers/],
    ['fan-in:x=1:a:1', /a range is FROM:TO:STEP with three numbers/],
    ['fan-in:x=6:2:1', /never reaches 2 from 6 by steps of 1/],
    ['fan-in:x=1:5:0', /never reaches 5 from 1 by steps of 0/],
    ['fan-in:x=0:1000:1', new RegExp(`1001 values, at most ${MAX_SWEEP_VALUES}`)],
  ])('rejects %s with a message that says why', (spec, message) => {
    const result = parseSweepSpec(spec)
    expect(typeof result).toBe('string')
    expect(result).toMatch(message)
  })
})
