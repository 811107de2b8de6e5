import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_NAME_THRESHOLD } from '../../src/core/names/index.ts'
import { listedRecall, type ListedRecall } from '../../src/eval/listed-recall.ts'
import { generate } from '../../src/gen/generate.ts'
import { loadLists } from '../../src/lists/load.ts'
import { SANCTIONS_LISTS } from '../rules/support/screen-pack.ts'

// Listed people written another way (the generator's sanctioned_name typology: romanisation, order, accents, a
// middle name left out, a typo, an a.k.a.) and ordinary customers sharing one name token with listed people
// (family name_near_miss), in one population, screened against the vendored OFAC SDN 2019 and UN subsets as the
// name_match measure screens them. Seed 2395 was generated for this test only, after the matcher change it checks
// (tuned on 2301-2303; docs/rules.md, "Sanctioned names"). When written: the right entry at the default threshold
// for 50 of 50 listed people (37 at the pack's review score 0.95), 6 of 360 near-miss parties returned (0.017).
// Since generated people carry dates of birth (and sanctions-name reviews from 0.92): 50 of 50 (46 at 0.92), 2 of
// 360 near misses returned (0.006). The bars leave a margin; the are 0.95 and 0.10.
let dir = ''
let result: ListedRecall

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-listed-'))
  await generate({ seed: 2395, records: 60_000, illicitShare: 0.2, outDir: dir, start: '2026-01-01' })
  result = listedRecall(dir, (await loadLists(SANCTIONS_LISTS)).names)
}, 180_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('sanctioned names on a seed the matcher was not tuned on', () => {
  it(`returns the right entry at ${DEFAULT_NAME_THRESHOLD} for at least 92 % of the listed people, of every kind of variant`, () => {
    const { total, byKind } = result
    console.info(`listed people: ${total.found}/${total.listed} right entry at the threshold, ${total.review} at the pack's review score; ` + [...byKind].map(([k, t]) => `${k} ${t.found}/${t.listed}`).join(', '))
    expect(total.listed).toBeGreaterThanOrEqual(30)
    expect(byKind.size).toBeGreaterThanOrEqual(5)
    expect(total.found / total.listed).toBeGreaterThanOrEqual(0.92)
  })

  it('returns any entry for at most 8 % of the near-miss customers', () => {
    const n = result.nearMiss
    console.info(`near misses: ${n.returned}/${n.parties} returned at the threshold: ${result.nearHits.join('; ')}`)
    expect(n.parties).toBeGreaterThanOrEqual(200)
    expect(n.returned / n.parties).toBeLessThanOrEqual(0.08)
  })
})
