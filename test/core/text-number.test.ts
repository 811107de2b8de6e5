import { describe, expect, it } from 'vitest'
import { textNumber } from '../../src/core/state/text-number.ts'

describe('textNumber', () => {
  it('gives a value the same number every time, in 53 bits, whatever its script', () => {
    for (const v of ['ACC-1', 'Müller', 'محمد', '🚤', '']) {
      const n = textNumber(v)
      expect(textNumber(v)).toBe(n)
      expect(Number.isSafeInteger(n) && n >= 0).toBe(true)
    }
  })

  it('tells apart 200,000 ids that differ in one character, case or order', () => {
    const values = new Set<string>()
    for (let i = 0; i < 50_000; i++) {
      const id = `c${i.toString(16).padStart(8, '0')}`
      values.add(id).add(id.toUpperCase()).add([...id].reverse().join('')).add(`${id} `)
    }
    expect(new Set([...values].map(textNumber)).size).toBe(values.size)
  })
})
