import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { jaroWinkler } from '../../src/core/names/jaro-winkler.ts'
import { tokenJaroWinkler } from '../../src/core/names/token-jaro-winkler.ts'
import { hasNameMatching, nameMatchingDir, readCsvRows } from './shared-data.ts'

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3)
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3)
    expect(jaroWinkler('', '')).toBe(0)
    expect(jaroWinkler('abc', 'abc')).toBe(1)
  })
})

// Watchman's expected scores for single tokens, which its customised Jaro-Winkler gives (length and first-letter
// penalties, first letters compared by sound); its multi-token rows test its whole-name scorer, not this function.
describe.skipIf(!hasNameMatching)("Watchman's Jaro-Winkler cases", () => {
  it('matches every single-token case within 0.01', () => {
    const rows = readCsvRows(path.join(nameMatchingDir, 'watchman/derived_jaro_winkler_cases.csv'))
      .filter(([fn, a = '', b = '']) => fn === 'TestJaroWinkler' && !/\s/.test(a + b))
      // Go measures UTF-8 bytes: "café" is 5 long there; the normaliser never lets accents reach this function
      .filter(([, a = '', b = '']) => a === b || new TextEncoder().encode(a + b).length === (a + b).length)
    expect(rows.length).toBeGreaterThanOrEqual(14)
    const off = rows.filter(([, a = '', b = '', expected = '']) => Math.abs(tokenJaroWinkler(a, b) - Number(expected)) > 0.01 + 1e-9)
    expect(off).toEqual([])
  })
})
