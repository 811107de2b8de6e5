import { describe, expect, it } from 'vitest'
import { Screener } from '../../src/core/index.ts'
import { buildNameIndex, type WatchlistEntry } from '../../src/core/names/index.ts'
import { rulesetOf, transfer } from '../core/helpers.ts'

const RULE = `kind: rule
id: listed-name
version: 1
title: t
typology: sanctions
source: test
entity: party.id
measures:
  match: { name_match: {} }
score:
  measure: match
  bands:
    - { from: 0.84, score: 60 }
reason: "{party.name} matches {matched} ({match})"
`

const entries: WatchlistEntry[] = [
  { list: 'sdn', id: 'P1', name: 'KARIMOV, Rustam Bakhtiyorovich', aliases: [], type: 'person', birthDates: ['1971-05-02'], nationalities: ['UZ'] },
  { list: 'sdn', id: 'O1', name: 'WEI TA LEE COMPANY', aliases: [], type: 'org' },
]

function screen(party: Record<string, string>) {
  const screener = new Screener(rulesetOf({ 'listed-name': RULE }), { watchlists: { names: buildNameIndex(entries) } })
  return screener.screen(transfer(0, 'A', 'B', 100, { receiver: { id: 'B', ...party } }))
}

describe('the name_match measure', () => {
  it('passes the party date of birth and nationality to the search: a different birth date takes a name match below the band', () => {
    const same = screen({ name: 'Rustam Karimov', type: 'person', dateOfBirth: '1971-05-02', nationality: 'UZ' })
    expect(same.hits.map((h) => h.evidence.matches?.[0]?.entry)).toEqual(['P1'])
    const plain = screen({ name: 'Rustam Karimov', type: 'person' })
    const other = screen({ name: 'Rustam Karimov', type: 'person', dateOfBirth: '1990-11-30', nationality: 'DE' })
    expect(plain.hits.length).toBe(1)
    expect(other.hits).toEqual([])
    expect(same.hits[0]!.evidence.value).toBeGreaterThan(plain.hits[0]!.evidence.value)
  })

  it('searches a person among people and a business among organisations', () => {
    expect(screen({ name: 'Wei Ta Lee', type: 'person' }).hits).toEqual([])
    expect(screen({ name: 'Wei Ta Lee Company', type: 'business' }).hits.map((h) => h.evidence.matches?.[0]?.entry)).toEqual(['O1'])
  })
})
