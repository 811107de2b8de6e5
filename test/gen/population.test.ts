import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'
import { buildPopulation, type Population } from '../../src/gen/population.ts'
import { readOutput } from './read-output.ts'

const START = Date.parse('2026-01-01T00:00:00Z')

/** every party id the population holds: people, their savings, wallets and relatives abroad, businesses, charities */
function populationIds(pop: Population): Set<string> {
  const ids = new Set<string>()
  for (const p of pop.persons) {
    ids.add(p.party.id)
    if (p.wallet) ids.add(p.wallet.id)
    if (p.remit) ids.add(p.remit.relative.id)
  }
  for (const b of pop.businesses) ids.add(b.party.id)
  for (const list of pop.charities.values()) for (const c of list) ids.add(c.id)
  return ids
}

describe('the population of accounts', () => {
  it('depends on seed and account count only', () => {
    const a = buildPopulation(5, 800, START)
    const b = buildPopulation(5, 800, START)
    expect([...populationIds(a)]).toEqual([...populationIds(b)])
    expect(a.persons.length + a.businesses.length).toBe(800)
    expect([...populationIds(buildPopulation(6, 800, START))]).not.toEqual([...populationIds(a)])
  })

  it('stays the same across run sizes, which then cover proportionally more days', async () => {
    const ids = populationIds(buildPopulation(9, 600, START))
    const spans: number[] = []
    for (const records of [9000, 27000]) {
      const dir = mkdtempSync(join(tmpdir(), 'txgen-pop-'))
      const summary = await generate({ seed: 9, records, accounts: 600, outDir: dir, start: '2026-01-01' })
      const { records: recs, labels } = readOutput(dir)
      expect(recs.length).toBe(records)
      // the plain background stays within the population; hard-negative families bring people of their own
      const strangers = recs.filter((r, i) => labels[i]!.family === 'everyday' && (!ids.has(r.sender.id) || !ids.has(r.receiver.id)))
      expect(strangers.length).toBe(0)
      const days = (Date.parse(recs[recs.length - 1].timestamp) - Date.parse(recs[0].timestamp)) / 86_400_000
      spans.push(days)
      expect(summary.days).toBe(records / 300)
    }
    expect(spans[1]! / spans[0]!).toBeGreaterThan(2.8)
    expect(spans[1]! / spans[0]!).toBeLessThan(3.2)
  })
})
