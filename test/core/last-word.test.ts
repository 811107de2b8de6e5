import { describe, expect, it } from 'vitest'
import { lastWord, normaliseWords } from '../../src/core/rules/keywords.ts'

describe('lastWord', () => {
  it('gives the last word, lower-cased and without marks, for names written every way', () => {
    // expected values written out by hand
    const cases: [string, string | undefined][] = [
      ['Jonas Wagner', 'wagner'],
      ['WAGNER, Jonas', 'jonas'],
      ["o'brien", 'brien'],
      ['Anna-Lena Müller', 'muller'],
      ['Zoë Ünal', 'unal'],
      ['  ', undefined],
      ['', undefined],
      ['...', undefined],
      ['x', 'x'],
      ['Smith 3rd', '3rd'],
      ['Al-Hassan.', 'hassan'],
      ['a_b', 'b'],
      ['São Paulo ', 'paulo'],
      // other scripts are romanised, so a reference in Latin letters meets the name it spells
      ['Иван Петров', 'petrov'],
      ['李 小龍', 'xiaolong'],
    ]
    for (const [text, want] of cases) expect([text, lastWord(text)]).toEqual([text, want])
    expect(normaliseWords('Anna-Lena Müller')).toEqual(['anna', 'lena', 'muller'])
    expect(normaliseWords('WAGNER, Jonas')).toEqual(['wagner', 'jonas'])
    expect(normaliseWords('...')).toEqual([])
  })

  it('is the last of normaliseWords on seeded random text', () => {
    // and on seeded random text over letters, digits, punctuation, spaces and a few non-ASCII letters
    const alphabet = 'aZ9 ,.-\'_/é ü\tQ0'
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    for (let n = 0; n < 5000; n++) {
      let text = ''
      const length = Math.floor(random() * 12)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
      expect(lastWord(text), JSON.stringify(text)).toBe(normaliseWords(text).at(-1))
    }
  })

  it('splits ASCII text as the regular expression split did, and answers again alike for the same or another text', () => {
    const alphabet = 'aZ9 ,.-\'_/Q0\tm'
    let seed = 11
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    const texts: string[] = []
    for (let n = 0; n < 5000; n++) {
      let text = ''
      const length = Math.floor(random() * 14)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
      texts.push(text)
      expect(normaliseWords(text), JSON.stringify(text)).toEqual(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0))
    }
    // lastWord remembers its last two texts: asked in any order, it gives each text's own word
    for (let n = 0; n < 5000; n++) {
      const text = texts[Math.floor(random() * 4)]!
      expect(lastWord(text), JSON.stringify(text)).toBe(normaliseWords(text).at(-1))
    }
  })
})
