import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { jaroSimilarity, jaroWinkler } from '../../src/core/names/jaro-winkler.ts'
import { tokenJaroWinkler } from '../../src/core/names/token-jaro-winkler.ts'
import { nameMatchingDir, readCsvRows } from './shared-data.ts'

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
describe("Watchman's Jaro-Winkler cases", () => {
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

describe('jaroSimilarity', () => {
  // the textbook algorithm, scanning each letter's window for the first free equal letter
  function reference(a: string, b: string): number {
    if (a === b) return a.length === 0 ? 0 : 1
    if (a.length === 0 || b.length === 0) return 0
    const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
    const usedA = new Array<boolean>(a.length).fill(false)
    const usedB = new Array<boolean>(b.length).fill(false)
    let matches = 0
    for (let i = 0; i < a.length; i++) {
      for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
        if (!usedB[j] && a[i] === b[j]) {
          usedA[i] = usedB[j] = true
          matches++
          break
        }
      }
    }
    if (matches === 0) return 0
    const ma = [...a].filter((_, i) => usedA[i])
    const mb = [...b].filter((_, j) => usedB[j])
    const t = ma.filter((c, k) => c !== mb[k]).length / 2
    return (matches / a.length + matches / b.length + (matches - t) / matches) / 3
  }

  it('gives exactly what scanning each window gives, on short, long and non-ASCII strings', () => {
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const letters = 'aabdeeiklmnorsuy'
    const word = (n: number) => Array.from({ length: n }, () => (random() < 0.02 ? 'é' : letters[Math.floor(random() * letters.length)])).join('')
    for (let k = 0; k < 20000; k++) {
      const a = word(1 + Math.floor(random() * 40))
      const b = word(1 + Math.floor(random() * 40))
      expect(jaroSimilarity(a, b), `${a} ${b}`).toBe(reference(a, b))
    }
  })
})
