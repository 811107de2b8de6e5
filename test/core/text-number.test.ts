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
  it('gives each value its own number when values come back in any order (it remembers the last few)', () => {
    const values = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6']
    const first = new Map(values.map((v) => [v, textNumber(v)]))
    expect(new Set(first.values()).size).toBe(values.length)
    let seed = 7
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      // a copy, not the same string object
      const v = `${values[seed % values.length]!}`.slice(0)
      expect(textNumber(v), v).toBe(first.get(v))
    }
  })
})

