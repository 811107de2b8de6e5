import { describe, expect, it } from 'vitest'
import { DEFAULT_NAME_THRESHOLD } from '../../src/core/names/index.ts'
import { senzingTruth } from './senzing-truth.ts'

describe('Senzing truth set: watchlist groups', () => {
  const { groups, finds } = senzingTruth()

  it('finds every group that ties a watchlist record to other records in the top 3', () => {
    expect(groups.length).toBe(9)
    expect(groups.filter((g) => !finds(g, { limit: 3, minScore: 0 })).map((g) => g.id)).toEqual([])
  })

  it('finds every group at the default threshold', () => {
    const missed = groups.filter((g) => !finds(g, {}))
    console.info(`Senzing: ${groups.length - missed.length}/${groups.length} groups at ${DEFAULT_NAME_THRESHOLD}`)
    expect(missed.map((g) => g.id)).toEqual([])
  })
})
