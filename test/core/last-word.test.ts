import { describe, expect, it } from 'vitest'
import { lastWord, normaliseWords } from '../../src/core/rules/keywords.ts'

describe('lastWord', () => {
  it('is the last of normaliseWords, for names written every way', () => {
    const cases = ['Jonas Wagner', 'WAGNER, Jonas', 'o\'brien', 'Anna-Lena Müller', 'Zoë Ünal', '  ', '', '...', 'x', 'Smith 3rd', 'Al-Hassan.', 'Иван Петров', '李 小龍']
    for (const c of cases) expect(lastWord(c)).toBe(normaliseWords(c).at(-1))
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
})
