import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generate } from '../../src/gen/generate.ts'
import { instances, readOutput } from './read-output.ts'

async function run(extra: { amountScale?: number; gapScale?: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'txgen-stress-'))
  await generate({ seed: 31, records: 12_000, illicitShare: 0.08, outDir: dir, start: '2026-01-01', ...extra })
  const { records, labels } = readOutput(dir)
  return { records, labels, planted: instances(records, labels) }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** per instance of a typology: its largest amount, and the days from its first to its last transfer */
function shape(planted: Map<string, { typology: string; records: any[] }>, typology: string) {
  const of = [...planted.values()].filter((i) => i.typology === typology)
  return {
    largest: median(of.map((i) => Math.max(...i.records.map((r) => Number(r.amount))))),
    days: median(of.map((i) => (Date.parse(i.records.at(-1).timestamp) - Date.parse(i.records[0].timestamp)) / 86_400_000)),
  }
}

describe('stress options of the generator', () => {
  it('--amount-scale multiplies planted fees, leaves threshold-tied amounts and every benign record as they are', async () => {
    const [plain, scaled] = [await run({}), await run({ amountScale: 2 })]
    const benign = (r: Awaited<ReturnType<typeof run>>) => r.records.filter((_, i) => !r.labels[i]!.illicit)
    expect(benign(scaled)).toEqual(benign(plain))
    for (const t of ['hold_and_release_relatives', 'route_instalments', 'memo_code_word']) {
      const ratio = shape(scaled.planted, t).largest / shape(plain.planted, t).largest
      expect(ratio, t).toBeGreaterThan(1.6)
      expect(ratio, t).toBeLessThan(2.4)
    }
    // structuring stays just under its threshold: the threshold is the pattern
    expect(shape(scaled.planted, 'structuring_transfer').largest).toBe(shape(plain.planted, 'structuring_transfer').largest)
  }, 60_000)

  // session robust29: the cap on later legs (80 % of the first) was scaled twice, so at a scale of 3 later legs
  // could cost more than the first, which no smuggler's price list does (S16: the first leg is the expensive one)
  it('--amount-scale keeps the first route leg the largest', async () => {
    const scaled = await run({ amountScale: 3 })
    const routes = [...scaled.planted.values()].filter((i) => i.typology === 'route_instalments')
    expect(routes.length).toBeGreaterThan(3)
    for (const r of routes) {
      const amounts = r.records.map((x) => Number(x.amount))
      expect(Math.max(...amounts.slice(1))).toBeLessThan(amounts[0]!)
    }
  }, 60_000)

  // route legs (1-21 days apart) fit in this 50-day run; 60-day holds would be cut short by its end
  it("--gap-scale stretches the days between an instance's steps", async () => {
    const [plain, stretched] = [await run({}), await run({ gapScale: 2 })]
    expect(shape(stretched.planted, 'route_instalments').days).toBeGreaterThan(1.5 * shape(plain.planted, 'route_instalments').days)
  }, 60_000)
})
