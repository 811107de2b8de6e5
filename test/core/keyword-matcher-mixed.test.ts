import { describe, expect, it } from 'vitest'
import { compileKeywords, normaliseWords } from '../../src/core/rules/keywords.ts'

// issue 17: an entry mixing an emoji and a word ("⛵ uk") matched on the word alone, so "UK visa fee" hit it
describe('compileKeywords: an entry of an emoji and words', () => {
  const matcher = compileKeywords(['⛵ uk', '🚤', 'small boat', 'uk visa'])
  const find = (text: string) => matcher.find(normaliseWords(text), text)

  it('needs every token, the emoji included', () => {
    expect(find('UK visa fee')).toEqual(['uk visa'])
    expect(find('uk')).toEqual([])
    expect(find('⛵ alone')).toEqual([])
  })

  it('matches when the emoji and the word are both there', () => {
    expect(find('⛵ UK x3')).toEqual(['⛵ uk'])
    expect(find('⛵UK')).toEqual(['⛵ uk'])
  })

  it('keeps plain symbols and phrases as before', () => {
    expect(find('a small boat 🚤')).toEqual(['small boat', '🚤'])
  })
})
