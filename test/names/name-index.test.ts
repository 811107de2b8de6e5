import { describe, expect, it } from 'vitest'
import { buildNameIndex, DEFAULT_NAME_THRESHOLD, type WatchlistEntry } from '../../src/core/names/index.ts'

const entries: WatchlistEntry[] = [
  { list: 't', id: '1', name: 'PUTIN, Vladimir Vladimirovich', aliases: [], type: 'person', countries: ['RU'], birthDates: ['1952-10-07'] },
  { list: 't', id: '2', name: 'PUTINA, Maria', aliases: [], type: 'person' },
  { list: 't', id: '3', name: 'AEROCARIBBEAN AIRLINES', aliases: ['AERO-CARIBBEAN'], type: 'org', countries: ['CU'] },
  { list: 't', id: '4', name: 'JSC ARGUMENT', aliases: [], type: 'org' },
  { list: 't', id: '5', name: 'BIN LADEN, Osama', aliases: ['USAMA BIN LADIN'], type: 'person' },
]

describe('buildNameIndex', () => {
  const index = buildNameIndex(entries)

  it('finds reordered, misspelt, joined and transliterated names with an explanation', () => {
    expect(index.size).toBe(5)
    expect(index.search('Vladimir Putin')[0]).toMatchObject({ entry: { id: '1' }, matchedName: 'PUTIN, Vladimir Vladimirovich' })
    expect(index.search('Vladimir Puttin')[0]?.entry.id).toBe('1')
    expect(index.search('Vladmir Puttin', { minScore: 0.8 })[0]?.entry.id).toBe('1')
    expect(index.search('JSCARGUMENT')[0]?.entry.id).toBe('4')
    expect(index.search('Усама бен Ладен')[0]?.entry.id).toBe('5')
    const [hit] = index.search('aerocaribean airlines')
    expect(hit!.score).toBeGreaterThanOrEqual(DEFAULT_NAME_THRESHOLD)
    expect(hit!.explanation).toEqual([
      { query: 'aerocaribean', candidate: 'aerocaribbean', score: expect.any(Number) },
      { query: 'airlines', candidate: 'airlines', score: 1 },
    ])
  })

  it('reports one match per entry, best name first, within limit and minScore', () => {
    const all = index.search('Usama bin Laden', { minScore: 0 })
    expect(all.filter((m) => m.entry.id === '5')).toHaveLength(1)
    expect(index.search('Putin', { minScore: 0, limit: 1 })).toHaveLength(1)
    expect(index.search('Putin', { minScore: 0.99 })).toEqual([])
    expect(index.search('')).toEqual([])
  })

  it('filters by type and moves the score with birth date and country', () => {
    expect(index.search('Aerocaribbean Airlines', { type: 'person' })).toEqual([])
    const plain = index.search('Vladimir Putin', { minScore: 0 })[0]!.score
    const sameDob = index.search('Vladimir Putin', { minScore: 0, birthDate: '1952-10-07' })[0]!.score
    const otherDob = index.search('Vladimir Putin', { minScore: 0, birthDate: '1980-01-01' })[0]!.score
    const otherCountry = index.search('Vladimir Putin', { minScore: 0, country: 'GB' })[0]!.score
    expect(sameDob).toBeGreaterThan(plain)
    expect(otherDob).toBeLessThan(plain)
    expect(otherCountry).toBeLessThan(plain)
  })

  it('returns what the exhaustive scorer returns', () => {
    const exhaustive = buildNameIndex(entries, { exhaustive: true })
    for (const q of ['Vladimir Putin', 'Maria Putina', 'Aero Caribbean', 'Osama Bin Ladin', 'JSC Argumint']) {
      expect(index.search(q, { minScore: 0.5 }).map((m) => m.entry.id)).toEqual(exhaustive.search(q, { minScore: 0.5 }).map((m) => m.entry.id))
    }
  })
})

describe('leads, identifiers and readings', () => {
  const list: WatchlistEntry[] = [
    { list: 't', id: 'v1', name: 'SNOW STORM 2', aliases: [], type: 'vessel', identifiers: ['IMO 9929429'] },
    { list: 't', id: 'p1', name: 'JOHN, Damien', aliases: [], type: 'person' },
    { list: 't', id: 'o1', name: 'LAU AVIATION', aliases: [], type: 'org' },
    { list: 't', id: 'k1', name: 'Kim Jong Un', aliases: [], type: 'person' },
  ]
  const index = buildNameIndex(list)
  const score = (q: string, id: string, opts = {}) => index.search(q, { minScore: 0, ...opts }).find((m) => m.entry.id === id)?.score ?? 0

  it('reports a person sharing the first name as a lead at the threshold, an organisation sharing a trade word not', () => {
    expect(score('JOHN SMITH', 'p1')).toBeCloseTo(DEFAULT_NAME_THRESHOLD, 9)
    expect(score('LXC AVIATION', 'o1')).toBeLessThan(DEFAULT_NAME_THRESHOLD)
  })

  it('matches on a shared identifier whatever the name', () => {
    expect(score('Snow Storm 1', 'v1')).toBeLessThan(DEFAULT_NAME_THRESHOLD)
    expect(score('Snow Storm 1', 'v1', { identifiers: ['IMO9929429'] })).toBeGreaterThanOrEqual(0.95)
  })

  it('reads a name in Chinese characters the Korean way too', () => {
    expect(score('金正恩', 'k1')).toBeGreaterThan(0.9)
  })
})
