import levenshtein from 'fast-levenshtein'
import { describe, expect, it } from 'vitest'
import { CODE_WORDS } from '../../src/gen/data/code-words.ts'
import { Knobs } from '../../src/gen/knobs.ts'
import { codeWordMemo, withoutMarks } from '../../src/gen/memo-variants.ts'
import { Rng } from '../../src/gen/prng.ts'

describe('per-run shape parameters', () => {
  it('are fixed within a run and vary across seeds, inside their documented range', () => {
    const values = new Set<number>()
    for (let seed = 1; seed <= 30; seed++) {
      const knobs = new Knobs(seed)
      const v = knobs.int('velocity.minTransfers', 5, 8)
      expect(knobs.int('velocity.minTransfers', 5, 8)).toBe(v)
      expect(v).toBeGreaterThanOrEqual(5)
      expect(v).toBeLessThanOrEqual(8)
      values.add(v)
    }
    // a threshold at one seed's minimum misses the smaller instances of another seed
    expect(values.size).toBeGreaterThanOrEqual(3)
    expect(new Knobs(3).int('a', 0, 1_000_000)).not.toBe(new Knobs(3).int('b', 0, 1_000_000))
  })
})

describe('code words in references', () => {
  const lexicon = CODE_WORDS.map((w) => withoutMarks(w.term).toLowerCase())
  const memos = Array.from({ length: 600 }, (_, i) => codeWordMemo(new Rng(9, i), 'Rebin'))

  it('strip to the bare letters as people type them', () => {
    expect(withoutMarks('qaçaxçî')).toBe('qacaxci')
    expect(withoutMarks('đi Anh')).toBe('di Anh')
    expect(withoutMarks('sınır geçişi')).toBe('sinir gecisi')
    expect(withoutMarks('udhëtimi')).toBe('udhetimi')
  })

  it('come with and without diacritics, in other cases, misspelt by one letter, sometimes beside a name or a count', () => {
    const marked = CODE_WORDS.filter((w) => withoutMarks(w.term) !== w.term).map((w) => w.term)
    expect(memos.some((m) => marked.some((t) => m.includes(t)))).toBe(true)
    expect(memos.some((m) => marked.some((t) => m.toLowerCase().includes(withoutMarks(t).toLowerCase())) && withoutMarks(m) === m)).toBe(true)
    expect(memos.some((m) => m === m.toUpperCase() && /[A-Z]{3}/.test(m))).toBe(true)
    expect(memos.some((m) => m.startsWith('Rebin '))).toBe(true)
    expect(memos.some((m) => / x\d$| \d pax$/.test(m))).toBe(true)
    // every memo, bare and lower-cased, is a lexicon term or one slip from one (a swap is two Levenshtein edits)
    const misspelt = memos.filter((m) => {
      const bare = withoutMarks(m).toLowerCase().replace(/^rebin /, '').replace(/ x\d$| \d pax$/, '')
      if (lexicon.includes(bare)) return false
      expect(lexicon.some((t) => levenshtein.get(t, bare) <= 2), m).toBe(true)
      return true
    })
    expect(misspelt.length).toBeGreaterThan(20)
  })
})
