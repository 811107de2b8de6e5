import { describe, expect, it } from 'vitest'
import { ONE_WORD_CAP } from '../../src/core/names/compare-names.ts'
import { applyDetails, DETAIL_ROOM, explainDetails } from '../../src/core/names/details.ts'
import { buildNameIndex, DEFAULT_NAME_THRESHOLD, type WatchlistEntry } from '../../src/core/names/index.ts'

const listed: WatchlistEntry = {
  list: 't', id: '1', name: 'GUTIERREZ RESTREPO, Luis Fernando', aliases: [], type: 'person',
  birthDates: ['1958-08-13'], nationalities: ['CO'], countries: ['CO', 'PA'],
}

describe('supporting details', () => {
  it('raise a score for the same date, year, nationality and country, and lower it for different ones', () => {
    expect(applyDetails(0.8, listed, { dateOfBirth: '1958-08-13' })).toBeCloseTo(0.88, 9)
    expect(applyDetails(0.8, listed, { dateOfBirth: '1958' })).toBeCloseTo(0.84, 9)
    expect(applyDetails(0.8, listed, { dateOfBirth: '1958-02-01' })).toBeCloseTo(0.8, 9) // same year, another day
    expect(applyDetails(0.8, listed, { dateOfBirth: '1959' })).toBeCloseTo(0.8, 9) // a year off: neither
    expect(applyDetails(0.8, listed, { dateOfBirth: '1970-01-01' })).toBeCloseTo(0.68, 9)
    expect(applyDetails(0.8, listed, { nationality: 'CO' })).toBeCloseTo(0.83, 9)
    expect(applyDetails(0.8, listed, { nationality: 'VE' })).toBeCloseTo(0.744, 9)
    expect(applyDetails(0.8, listed, { country: 'PA' })).toBeCloseTo(0.82, 9)
    expect(applyDetails(0.8, listed, { country: 'ES' })).toBeCloseTo(0.76, 9)
    expect(applyDetails(0.99, listed, { dateOfBirth: '1958-08-13', nationality: 'CO' })).toBe(1)
  })

  it('hold no other country of residence against a full date of birth that agrees', () => {
    // lists' addresses are old and listed people move; the same full date is the stronger fact
    expect(applyDetails(0.89, listed, { dateOfBirth: '1958-08-13', country: 'US' })).toBeCloseTo(0.97, 9)
    expect(applyDetails(0.89, listed, { dateOfBirth: '1958', country: 'US' })).toBeCloseTo(0.93 * 0.95, 9)
    expect(applyDetails(0.89, listed, { dateOfBirth: '1958-08-13', nationality: 'VE' })).toBeCloseTo(0.97 * 0.93, 9)
    expect(explainDetails(0.89, listed, { dateOfBirth: '1958-08-13', country: 'US' })[1]).toMatchObject({ detail: 'country', outcome: 'different', change: 0 })
  })

  it('change nothing where either side lacks them', () => {
    const bare: WatchlistEntry = { list: 't', id: '2', name: 'X', aliases: [], type: 'person', birthDates: [] }
    expect(applyDetails(0.8, bare, { dateOfBirth: '1958', nationality: 'CO', country: 'CO' })).toBe(0.8)
    expect(applyDetails(0.8, listed, {})).toBe(0.8)
    expect(explainDetails(0.8, bare, { dateOfBirth: '1958' })).toEqual([])
  })

  it('are explained one by one, in the order they apply', () => {
    expect(explainDetails(0.8, listed, { dateOfBirth: '1958', nationality: 'VE', country: 'CO' })).toEqual([
      { detail: 'dateOfBirth', query: '1958', listed: ['1958-08-13'], outcome: 'same-year', change: 0.04 },
      { detail: 'nationality', query: 'VE', listed: ['CO'], outcome: 'different', change: -0.059 },
      { detail: 'country', query: 'CO', listed: ['CO', 'PA'], outcome: 'same', change: 0.02 },
    ])
  })
})

describe('one shared word of a longer name', () => {
  const index = buildNameIndex([listed, { list: 't', id: '2', name: 'GUTIERREZ, Ricardo', aliases: [], type: 'person' }])

  it('never reaches the threshold, whatever details support it, and shows with a lower minScore', () => {
    expect(ONE_WORD_CAP + DETAIL_ROOM).toBeLessThan(DEFAULT_NAME_THRESHOLD)
    const all = { dateOfBirth: '1958-08-13', nationality: 'CO', country: 'CO' }
    expect(index.search('Ricardo Gutiérrez', all).map((m) => m.entry.id)).toEqual(['2'])
    const shown = index.search('Ricardo Gutiérrez', { ...all, minScore: 0.5 }).find((m) => m.entry.id === '1')!
    expect(shown).toMatchObject({ rule: 'one-word', nameScore: expect.any(Number) })
    expect(shown.nameScore).toBeLessThanOrEqual(ONE_WORD_CAP)
    expect(shown.score).toBeLessThan(DEFAULT_NAME_THRESHOLD)
    expect(shown.details.map((d) => d.outcome)).toEqual(['same', 'same', 'same'])
    // every token is in the explanation with its weight: the pair, then the tokens without a partner
    expect(shown.explanation).toEqual([
      { query: 'gutierrez', candidate: 'gutierrez', score: 1, queryWeight: expect.any(Number), candidateWeight: expect.any(Number) },
      { query: 'ricardo', candidate: '', score: 0, queryWeight: expect.any(Number), candidateWeight: 0 },
      { query: '', candidate: 'restrepo', score: 0, queryWeight: 0, candidateWeight: expect.any(Number) },
      { query: '', candidate: 'luis', score: 0, queryWeight: 0, candidateWeight: expect.any(Number) },
      { query: '', candidate: 'fernando', score: 0, queryWeight: 0, candidateWeight: expect.any(Number) },
    ])
  })

  it('does not apply to a one-word query or to two shared words', () => {
    expect(index.search('Gutierrez', { minScore: 0 }).find((m) => m.entry.id === '1')!.rule).toBeUndefined()
    expect(index.search('Luis Gutierrez')[0]).toMatchObject({ entry: { id: '1' } })
  })
})

describe('word weights from the lists', () => {
  // "mohammed" is in every entry, "rahimi" and "karimi" in one each
  const entries: WatchlistEntry[] = Array.from({ length: 40 }, (_, i) => ({
    list: 't', id: String(i), name: `MOHAMMED, ${['Rahimi', 'Karimi'][i] ?? `Person${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`}`, aliases: [], type: 'person' as const,
  }))
  const index = buildNameIndex(entries)

  it('weigh a word found in many entries less than its length, a rare one its full length', () => {
    const [top] = index.search('Mohammed Rahimi')
    const weight = (token: string) => top!.explanation.find((p) => p.query === token)!.queryWeight
    expect(top!.entry.id).toBe('0')
    expect(weight('rahimi')).toBe(6)
    expect(weight('mohammed')).toBeLessThan(8 * 0.8)
  })

  it('so a common word shared counts for less than a rare one missed', () => {
    // the same pairs of letters, but the common word is right and the rare one wrong in the first query
    const commonRight = index.search('Mohammed Rahimo', { minScore: 0 }).find((m) => m.entry.id === '0')!.score
    const rareRight = index.search('Mohammod Rahimi', { minScore: 0 }).find((m) => m.entry.id === '0')!.score
    expect(rareRight).toBeGreaterThan(commonRight)
  })
})
