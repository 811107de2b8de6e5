import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRuleset, formatRuleIssue, InProcessEngine, Screener, screenBytes } from '../../src/core/index.ts'
import { openInput } from '../../src/cli/input-source.ts'
import { parseLabels } from '../../src/eval/labels.ts'
import { screenLabelled } from '../../src/eval/screen-labelled.ts'
import { readAmlsim } from '../../src/importers/amlsim.ts'
import { readAmlworld, type AmlworldStats } from '../../src/importers/amlworld.ts'
import { writeImport } from '../../src/importers/pipeline.ts'
import type { Imported } from '../../src/importers/output.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { composeVariant, type CompositeVariant } from '../../scripts/amlsim-variants.ts'

// Detection by the aml-graph pack on data it was not written for: AMLSim's alert transfers (alerts-10k) placed in
// the benign population of another AMLSim run (fixtures/amlsim/composite, 50 days; fixtures/README.md says how it
// was made), and AMLworld's laundering patterns. Thresholds sit below the measured figures (docs/aml-graph.md) with
// a margin, so a change that loses detection fails while run-to-run noise does not.
const PACK = new URL('../../rules/aml-graph/', import.meta.url).pathname
const DEFAULT_PACK = new URL('../../rules/default/', import.meta.url).pathname
const COMPOSITE = new URL('../../fixtures/amlsim/composite/', import.meta.url).pathname
const AMLWORLD = new URL('../../fixtures/amlworld/patterns-subset.csv', import.meta.url).pathname

async function evaluate(rulesDir: string, source: AsyncIterable<Imported>) {
  const dir = await mkdtemp(join(tmpdir(), 'txscreen-graph-'))
  try {
    await writeImport(source, { outDir: dir, prefix: 'as' })
    const result = compileRuleset(await readRuleSources(rulesDir))
    if (!result.ok) throw new Error(result.issues.map(formatRuleIssue).join('\n'))
    const labels = parseLabels(await readFile(join(dir, 'labels.csv'), 'utf8'))
    const input = await openInput(join(dir, 'records.ndjson'), undefined)
    return await screenLabelled(screenBytes(input.blocks, input.format, new InProcessEngine(new Screener(result.ruleset))), labels)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** the composite fixture as scripts/amlsim-variants.ts changes it, in a temporary directory */
async function compositeVariant(variant: CompositeVariant): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'txscreen-composite-'))
  const files = composeVariant(
    {
      transactions: await readFile(join(COMPOSITE, 'transactions.csv'), 'utf8'),
      alertAccounts: await readFile(join(COMPOSITE, 'alert_accounts.csv'), 'utf8'),
    },
    variant,
  )
  await writeFile(join(dir, 'transactions.csv'), files.transactions)
  await writeFile(join(dir, 'alert_accounts.csv'), files.alertAccounts)
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

const recall = (report: Awaited<ReturnType<typeof evaluate>>) => Object.fromEntries(report.typologies.map((t) => [t.typology, t.recall]))

describe('the aml-graph pack', () => {
  it('compiles, each rule citing a typologies.md rule', async () => {
    const result = compileRuleset(await readRuleSources(PACK))
    expect(result.ok ? [] : result.issues.map(formatRuleIssue)).toEqual([])
    if (result.ok) for (const rule of result.ruleset.rules) expect(rule.source, rule.id).toMatch(/R\d\d/)
  })

  it('on AMLSim alerts in an AMLSim benign population: cycles and fan-ins found, few benign alerts', async () => {
    const report = await evaluate(PACK, readAmlsim(COMPOSITE))
    expect(report.errors).toBe(0)
    // measured: cycle 43/44, fan_in 40/47 (0.851), transaction precision 0.352, benign alert rate 0.72 % (206 of
    // 28,661; graph-pass-through 23 of them); before graph-pass-through: cycle 42/44, precision 0.308, benign 0.64 %;
    // before the off-habit fan rules: fan_in 0.787, precision 0.369, benign 0.47 %
    expect(recall(report)).toEqual({ cycle: expect.any(Number), fan_in: expect.any(Number) })
    expect(recall(report).cycle).toBeGreaterThanOrEqual(0.9)
    expect(recall(report).fan_in).toBeGreaterThanOrEqual(0.78)
    expect(report.benignAlertRate).toBeLessThanOrEqual(0.008)
    expect(report.transactions.precision).toBeGreaterThanOrEqual(0.3)
    // the cycle rule alone: value conserved round the ring is what no benign ring here does
    const cycle = report.rules.find((r) => r.rule === 'graph-cycle')!
    expect(cycle.precision).toBeGreaterThanOrEqual(0.95)
  }, 120_000)

  it('the same alerts moving sums of the benign population\'s size (rescaled, seed 5): found as well', async () => {
    const variant = await compositeVariant({ rescale: 5 })
    try {
      const report = await evaluate(PACK, readAmlsim(variant.dir))
      // measured: cycle 43/44, fan_in 40/47 (0.851), precision 0.390, benign alert rate 0.74 % (0.66 % before
      // graph-pass-through)
      expect(recall(report).cycle).toBeGreaterThanOrEqual(0.9)
      expect(recall(report).fan_in).toBeGreaterThanOrEqual(0.78)
      expect(report.transactions.precision).toBeGreaterThanOrEqual(0.3)
      expect(report.benignAlertRate).toBeLessThanOrEqual(0.008)
    } finally {
      await variant.cleanup()
    }
  }, 120_000)

  it('alert transfers reversed (fan-ins become fan-outs, rescaled): fan-outs and cycles found, no flood', async () => {
    const variant = await compositeVariant({ rescale: 5, mirror: true })
    try {
      const report = await evaluate(PACK, readAmlsim(variant.dir))
      // measured: cycle 44/44, fan_out 39/47 (0.830), precision 0.385, benign alert rate 0.75 % (0.67 % before
      // graph-pass-through, cycle 42/44); before the
      // off-habit fan rules fan_out 0/47: four alike payees in a week is what this population's ordinary accounts
      // do, in sums they repeat (docs/aml-graph.md)
      expect(Object.keys(recall(report)).sort()).toEqual(['cycle', 'fan_out'])
      expect(recall(report).cycle).toBeGreaterThanOrEqual(0.9)
      expect(recall(report).fan_out).toBeGreaterThanOrEqual(0.7)
      expect(report.transactions.precision).toBeGreaterThanOrEqual(0.3)
      expect(report.benignAlertRate).toBeLessThanOrEqual(0.008)
    } finally {
      await variant.cleanup()
    }
  }, 120_000)

  it('the default pack does not flood on the same bank data', async () => {
    const report = await evaluate(DEFAULT_PACK, readAmlsim(COMPOSITE))
    expect(report.benignAlertRate).toBeLessThanOrEqual(0.01)
  }, 120_000)

  it('on AMLworld patterns (12 of each family): the shapes it is written for are found', async () => {
    const stats: AmlworldStats = { rows: 0, skipped: 0, reasons: new Map() }
    const report = await evaluate(PACK, readAmlworld(AMLWORLD, stats))
    expect(report.errors).toBe(0)
    // measured on this subset: SCATTER-GATHER 9/12, GATHER-SCATTER 8, STACK 8 (1 before graph-pass-through, which
    // was designed on the whole AMLworld set this subset is taken from), FAN-OUT 7, CYCLE 7 (5 before), FAN-IN 6,
    // RANDOM 6, BIPARTITE 0 (docs/aml-graph.md); the patterns come without a benign population, so only recall
    const found = Object.fromEntries(report.typologies.map((t) => [t.typology, t.found]))
    expect(found['SCATTER-GATHER']).toBeGreaterThanOrEqual(7)
    expect(found['GATHER-SCATTER']).toBeGreaterThanOrEqual(6)
    expect(found['FAN-OUT']).toBeGreaterThanOrEqual(5)
    expect(found.CYCLE).toBeGreaterThanOrEqual(4)
    expect(found['FAN-IN']).toBeGreaterThanOrEqual(4)
    expect(found.RANDOM).toBeGreaterThanOrEqual(4)
    expect(found.STACK).toBeGreaterThanOrEqual(6)
  }, 60_000)
})
