import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Screener } from '../../src/core/index.ts'
import { buildNameIndex, type WatchlistEntry } from '../../src/core/names/index.ts'
import { rulesetOf, transfer } from '../core/helpers.ts'

// The shipped sanctions-name rule decides on the name and the date of birth together: a date that conflicts with the
// list's dismisses even an exact namesake (the everyday hard negative), the same date reviews a name written another
// way that alone would not, and without a date the name alone must be strong.
const RULE = readFileSync(new URL('../../rules/default/sanctions-name.yaml', import.meta.url), 'utf8')

const entries: WatchlistEntry[] = [
  { list: 'sdn', id: 'P1', name: 'KARIMOV, Rustam Bakhtiyorovich', aliases: [], type: 'person', birthDates: ['1971-05-02'] },
  { list: 'sdn', id: 'P2', name: 'AYDIN, Mustafa', aliases: [], type: 'person', birthDates: ['1960-01-15'] },
]
const screener = new Screener(rulesetOf({ 'sanctions-name': RULE }), { watchlists: { names: buildNameIndex(entries) } })

function decision(name: string, dateOfBirth?: string) {
  return screener.screen(transfer(0, 'A', `B-${name}-${dateOfBirth ?? ''}`, 100, { receiver: { id: `B-${name}-${dateOfBirth ?? ''}`, name, type: 'person', ...(dateOfBirth && { dateOfBirth }) } })).decision
}

describe('sanctions-name with dates of birth', () => {
  it('dismisses a namesake whose date of birth conflicts with the list, blocks the same name without a date', () => {
    expect(decision('Mustafa Aydin', '1985-06-02')).toBe('clear')
    expect(decision('Mustafa Aydin')).toBe('block')
    expect(decision('Mustafa Aydin', '1960-01-15')).toBe('block')
    // a year apart is neither support nor conflict: the name alone decides
    expect(decision('Mustafa Aydin', '1961-03-01')).toBe('block')
  })

  it('reviews a name written another way when the date of birth agrees, and not on that name alone', () => {
    // "Karimof": a letter off, name score about 0.90
    expect(decision('Rustam Karimof')).toBe('clear')
    expect(decision('Rustam Karimof', '1971-05-02')).toBe('review')
    expect(decision('Rustam Karimof', '1990-05-02')).toBe('clear')
  })

  it('reviews without a date of birth a name that leaves out a middle name (0.948; the rule reviews from 0.92)', () => {
    expect(decision('Rustam Karimov')).toBe('review')
    expect(decision('Rustam Karimov', '1988-02-20')).toBe('clear')
  })
})
