import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lowerText, sameText } from '../../src/core/rules/lower-case.ts'

describe('sameText', () => {
  it('is lowerText(a) === lowerText(b) for any two values', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'z', 'Z', '0', '@', '[', '`', '{', 'İ', 'Σ', 'ς', 'σ', 'ß', 'é', 'É', '\u0301', '\ud83d', '\ude80', ' ') }),
      fc.string(),
      fc.string({ unit: 'binary' }),
    )
    const value = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean())
    fc.assert(fc.property(value, value, (a, b) => sameText(a, b) === (lowerText(a) === lowerText(b))), { numRuns: 20_000 })
  })

  it('compares ids and names case-insensitively, length and all', () => {
    expect(sameText('ACC-1', 'acc-1')).toBe(true)
    expect(sameText('c0962f3a8', 'c2d7fc4d2')).toBe(false)
    expect(sameText('x1', 'X1y')).toBe(false)
    expect(sameText('1', 'xX1')).toBe(false)
    expect(sameText('İx', 'i̇X')).toBe(true)
    expect(sameText('ΟΔΟΣ', 'οδος')).toBe(lowerText('ΟΔΟΣ') === 'οδος')
    expect(sameText('', '')).toBe(true)
    expect(sameText(3, '3')).toBe(true)
  })
})
