import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvalReport } from '../../src/eval/tally.ts'
import { generate } from '../../src/gen/generate.ts'
import { evaluatePack } from './support/screen-pack.ts'

// Detection of the shipped pack, measured on data it was never tuned on: seeds 9401 and 9402 were generated for
// this test only. Until issue 17's session seeds26 they were 9101 and 9102, which that session then tuned on (at
// 100,000-150,000 records; the generator's per-seed knobs are the same at any size), so the test moved to seeds no
// tuning had read (docs/rules.md §5 lists the tuning seeds). Every hard-negative family is on. The figures below
// are those of 9101 and 9102, kept for the history.
// The first plants more illicit behaviour (6 % of transfers) so that each typology has 9 instances; the second has
// the default share, for precision and the benign alert rate as a bank would see them. Figures when this test was
// written: 9101 precision 0.817, benign alert rate 0.7 %, instance recall 0.947 (weakest typologies 7 of 9);
// 9102 precision 0.713, benign alert rate 0.4 %, instance recall 0.985. Measured again after the issue 17
// follow-up (tuned on seeds 8401 and 8402, docs/rules.md section 5): 9101 precision 0.819, benign 0.8 %, instance
// recall 0.971 (weakest shared_identifiers 7 of 9); 9102 precision 0.701, benign 0.5 %, instance recall 0.985.
// The thresholds below leave a margin.
const SEEDS = [
  { seed: 9401, records: 30_000, illicitShare: 0.06 },
  { seed: 9402, records: 30_000 },
] as const

// memo_code_word's memos come from a phrase set written apart from the pack's lexicon (issue 17, memo29), so
// this is the pack's recall on wording it was not written from: 8 of 12 here (0.67 on 9401), 56 of 65 on the
// lead's check seeds 10301-10303; the other typologies keep the bars above.
const RECALL_FLOOR: Record<string, number> = { memo_code_word: 0.6 }
const floorOf = (typology: string, bar: number) => Math.min(bar, RECALL_FLOOR[typology] ?? bar)

const reports: EvalReport[] = []
let dir = ''

async function screenSeed(opts: (typeof SEEDS)[number]): Promise<EvalReport> {
  const out = join(dir, String(opts.seed))
  await generate({ ...opts, outDir: out, start: '2026-01-01' })
  return evaluatePack(out)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-detection-'))
  for (const s of SEEDS) reports.push(await screenSeed(s))
}, 240_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the shipped pack on seeds it was not tuned on', () => {
  it('keeps precision at 0.6 or more and alerts on at most 1 % of benign transfers, on each seed', () => {
    for (const r of reports) {
      expect(r.errors).toBe(0)
      expect(r.transactions.precision).toBeGreaterThanOrEqual(0.6)
      expect(r.benignAlertRate).toBeLessThanOrEqual(0.01)
    }
  })

  it('finds at least 90 % of the planted instances on each seed, and at least 70 % of every typology pooled', () => {
    for (const r of reports) expect(r.instances.recall).toBeGreaterThanOrEqual(0.9)
    const pooled = new Map<string, { found: number; instances: number }>()
    for (const r of reports) {
      for (const t of r.typologies) {
        const p = pooled.get(t.typology) ?? { found: 0, instances: 0 }
        p.found += t.found
        p.instances += t.instances
        pooled.set(t.typology, p)
      }
    }
    expect(pooled.size).toBeGreaterThanOrEqual(20)
    const weak = [...pooled]
      .filter(([t, p]) => p.found / p.instances < floorOf(t, 0.7))
      .map(([t, p]) => `${t} ${p.found}/${p.instances}`)
    expect(weak).toEqual([])
  })

  it('finds the variants the pack used to miss: held fees, code words, route legs, structuring by several payers', () => {
    const r = reports[0]!
    for (const typology of ['hold_and_release_relatives', 'memo_code_word', 'route_instalments', 'structuring_multi_payer']) {
      const t = r.typologies.find((x) => x.typology === typology)
      expect(t, typology).toBeDefined()
      expect(t!.recall, typology).toBeGreaterThanOrEqual(floorOf(typology, 0.75))
    }
  })
})
