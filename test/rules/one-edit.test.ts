import { describe, expect, it } from 'vitest'
import { withinOneEdit } from '../../src/core/rules/one-edit.ts'

/** the definition: a letter changed, added, dropped, or two neighbours swapped (by brute force over b's edits) */
function byDefinition(a: string, b: string): boolean {
  if (a === b) return true
  const edits = new Set<string>()
  for (let i = 0; i <= a.length; i++) {
    for (const c of ALPHABET) {
      edits.add(a.slice(0, i) + c + a.slice(i)) // added
      if (i < a.length) edits.add(a.slice(0, i) + c + a.slice(i + 1)) // changed
    }
    if (i < a.length) edits.add(a.slice(0, i) + a.slice(i + 1)) // dropped
    if (i + 1 < a.length) edits.add(a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2)) // swapped
  }
  return edits.has(b)
}

const ALPHABET = 'abcé'

/** a deterministic generator, so a failure names its case */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}

describe('withinOneEdit', () => {
  it('agrees with the definition on every pair of words of up to 3 letters of a small alphabet', () => {
    const words = ['']
    for (let n = 1; n <= 3; n++) for (const w of words.filter((x) => x.length === n - 1)) for (const c of ALPHABET) words.push(w + c)
    let near = 0
    for (const a of words) {
      for (const b of words) {
        const expected = byDefinition(a, b)
        if (expected) near++
        expect(withinOneEdit(a, b), `${a} ~ ${b}`).toBe(expected)
      }
    }
    expect(near).toBeGreaterThan(500)
  })

  it('agrees with the definition on longer random words and their slips', () => {
    const next = random(21)
    const pick = () => ALPHABET[Math.floor(next() * ALPHABET.length)]!
    for (let k = 0; k < 4000; k++) {
      let a = ''
      const n = 5 + Math.floor(next() * 10)
      for (let i = 0; i < n; i++) a += pick()
      // a slip or two of a, or a word of its own
      let b = a
      const slips = Math.floor(next() * 3)
      for (let s = 0; s < slips; s++) {
        const i = Math.floor(next() * b.length)
        const kind = Math.floor(next() * 4)
        if (kind === 0) b = b.slice(0, i) + pick() + b.slice(i + 1)
        else if (kind === 1) b = b.slice(0, i) + pick() + b.slice(i)
        else if (kind === 2) b = b.slice(0, i) + b.slice(i + 1)
        else if (i + 1 < b.length) b = b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2)
      }
      expect(withinOneEdit(a, b), `${a} ~ ${b}`).toBe(byDefinition(a, b))
      expect(withinOneEdit(b, a), `${b} ~ ${a}`).toBe(byDefinition(b, a))
    }
  })
})
