import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRuleset, formatRuleIssue, InProcessEngine, Screener, screenBytes } from '../../src/core/index.ts'
import { openInput } from '../../src/cli/input-source.ts'
import { parseLabels } from '../../src/eval/labels.ts'
import { screenLabelled } from '../../src/eval/screen-labelled.ts'
import { readAmlsim } from '../../src/importers/amlsim.ts'
import { writeImport } from '../../src/importers/pipeline.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { plantAlerts, type BenignTransfer, type PlantedTypology } from '../../scripts/amlsim-typologies.ts'

// AMLSim's typologies that no AMLSim sample here holds (bipartite, stack, gather-scatter, random; and cycles whose
// ring neighbours differ), planted the way AMLSim's typology classes build them (scripts/amlsim-typologies.ts) in
// the benign population of fixtures/amlsim/composite (50 days). Seed 11 was never used for tuning (the rules were
// tuned on seed 1 and checked on seed 2 of scripts/amlsim-plant.ts on the whole 20K samples, docs/aml-graph.md).
const PACK = new URL('../../rules/aml-graph/', import.meta.url).pathname
const DEFAULT_PACK = new URL('../../rules/default/', import.meta.url).pathname
const COMPOSITE = new URL('../../fixtures/amlsim/composite/transactions.csv', import.meta.url).pathname
const TYPES: PlantedTypology[] = ['bipartite', 'stack', 'gather_scatter', 'cycle', 'random']

async function plantedReport(rulesDir: string, types: PlantedTypology[] = TYPES, seed = 11) {
  const benign: BenignTransfer[] = []
  for (const line of (await readFile(COMPOSITE, 'utf8')).trim().split('\n').slice(1)) {
    const [src, dst, amount, step, alert] = line.split(',')
    if (alert === '-1') benign.push({ src: src!, dst: dst!, amount: Number(amount), step: Number(step) })
  }
  const alerts = plantAlerts(benign, { seed, perType: 12, types })
  const rows = benign.map((t) => ({ step: t.step, text: `${t.src},${t.dst},${t.amount.toFixed(2)},${t.step},-1` }))
  for (const a of alerts) for (const t of a.transfers) rows.push({ step: t.step, text: `${t.src},${t.dst},${t.amount.toFixed(2)},${t.step},${a.id}` })
  rows.sort((a, b) => a.step - b.step)
  const dir = await mkdtemp(join(tmpdir(), 'txscreen-planted-'))
  try {
    await writeFile(join(dir, 'transactions.csv'), 'SENDER_ACCOUNT_ID,RECEIVER_ACCOUNT_ID,TX_AMOUNT,TIMESTAMP,ALERT_ID\n' + rows.map((r) => r.text).join('\n') + '\n')
    await writeFile(join(dir, 'alert_accounts.csv'), 'ALERT_ID,ALERT_TYPE\n' + alerts.map((a) => `${a.id},${a.type}`).join('\n') + '\n')
    const out = join(dir, 'rec')
    await writeImport(readAmlsim(dir), { outDir: out, prefix: 'as' })
    const result = compileRuleset(await readRuleSources(rulesDir))
    if (!result.ok) throw new Error(result.issues.map(formatRuleIssue).join('\n'))
    const labels = parseLabels(await readFile(join(out, 'labels.csv'), 'utf8'))
    const input = await openInput(join(out, 'records.ndjson'), undefined)
    return await screenLabelled(screenBytes(input.blocks, input.format, new InProcessEngine(new Screener(result.ruleset))), labels)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('the aml-graph pack on AMLSim typologies planted in an AMLSim population (seed 11)', () => {
  it('finds the layered, running-sum and walk shapes without flooding', async () => {
    const report = await plantedReport(PACK)
    expect(report.errors).toBe(0)
    const recall = Object.fromEntries(report.typologies.map((t) => [t.typology, t.recall]))
    // measured: bipartite 12/12, stack 11/12, cycle 12/12, random 11/12, gather_scatter 9/12
    // (graph-gather-pass-on needs no look-back; not asserted: 50 days leave most hubs none for the other split
    // rules); transaction precision 0.422, benign alert rate 0.68 % (the fan rules' false alerts on a population of
    // 50 days, where most accounts have little history: graph-fan-in 85, graph-fan-out-first 37; graph-pass-through
    // 18, an account's first payment matching its one credit by chance; docs/aml-graph.md). Before
    // graph-pass-through: random 9/12, precision 0.417, benign 0.62 %
    expect(recall.bipartite).toBeGreaterThanOrEqual(0.9)
    expect(recall.stack).toBeGreaterThanOrEqual(0.75)
    expect(recall.cycle).toBeGreaterThanOrEqual(0.9)
    expect(recall.random).toBeGreaterThanOrEqual(0.6)
    expect(report.benignAlertRate).toBeLessThanOrEqual(0.008)
    expect(report.transactions.precision).toBeGreaterThanOrEqual(0.35)
    // the new shape rules alone: nearly nothing benign here has their shape
    const falseAlerts = Object.fromEntries(report.rules.map((r) => [r.rule, r.falseAlerts]))
    for (const rule of ['graph-bipartite', 'graph-cycle-running-sum', 'graph-random-walk']) expect(falseAlerts[rule] ?? 0, rule).toBeLessThanOrEqual(3)
    expect(falseAlerts['graph-pass-through'] ?? 0).toBeLessThanOrEqual(30)
    expect(falseAlerts['graph-split-pass-on'] ?? 0).toBeLessThanOrEqual(12)
  }, 180_000)

  it('the default pack does not flood on the same data', async () => {
    const report = await plantedReport(DEFAULT_PACK)
    expect(report.benignAlertRate).toBeLessThanOrEqual(0.01)
  }, 180_000)

  // seed 12 was never used for tuning (the fan rules' 21-day windows were set on seed 1 of scripts/amlsim-plant.ts)
  it('finds fans spread over up to 20 days (seed 12)', async () => {
    const report = await plantedReport(PACK, ['fan_in', 'fan_out'], 12)
    const recall = Object.fromEntries(report.typologies.map((t) => [t.typology, t.recall]))
    // measured: fan_in 11/12, fan_out 11/12, benign alert rate 0.54 % (86 of the false alerts are graph-fan-in's,
    // on a population of 50 days; graph-pass-through 18, graph-fan-in-off-habit 1, graph-fan-out-first 3)
    expect(recall.fan_in).toBeGreaterThanOrEqual(0.75)
    expect(recall.fan_out).toBeGreaterThanOrEqual(0.75)
    expect(report.benignAlertRate).toBeLessThanOrEqual(0.008)
  }, 180_000)
})
