import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadWatchlists } from '../../src/cli/load-ruleset.ts'
import {
  compileRuleset, inputFormats, InProcessEngine, PartitionedEngine, partitionOfKey, PartitionPlan, Screener, screenBytes,
  type CompiledRuleset, type ScreeningEngine,
} from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

const ROOT = join(import.meta.dirname, '../..')
const RECORDS = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8')

async function rulesetOf(dir?: string): Promise<CompiledRuleset> {
  const compiled = compileRuleset(await readRuleSources(dir))
  if (!compiled.ok) throw new Error(`${dir ?? 'the default pack'} does not compile`)
  return compiled.ruleset
}

/** every output line of `text` screened through the pipeline, and the engine's cases */
async function screen(text: string, engine: ScreeningEngine) {
  const bytes = new TextEncoder().encode(text)
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += 65_536) yield bytes.slice(i, i + 65_536)
  }
  let out = ''
  for await (const { outputs } of screenBytes(blocks(), inputFormats.named('ndjson')!, engine)) for (const o of outputs) out += JSON.stringify(o) + '\n'
  return { out, cases: JSON.stringify(engine.cases()) }
}

describe('entity-partitioned screening', () => {
  it('hashes a key to the same partition everywhere, spreading keys over all of them', () => {
    expect(partitionOfKey('id:ACC-1', 8)).toBe(partitionOfKey('id:ACC-1', 8))
    const counts = new Array(8).fill(0)
    for (let i = 0; i < 8000; i++) counts[partitionOfKey(`id:ACC-${i}`, 8)]++
    for (const c of counts) expect(c).toBeGreaterThan(800)
  })

  it('gives multi-hop and entity-less rules to the graph partition and the rest to the key partitions', async () => {
    const ruleset = await rulesetOf()
    const plan = new PartitionPlan(ruleset, 4)
    const graph = plan.graphRules.map((i) => ruleset.rules[i]!)
    expect(graph.some((r) => r.id.includes('cycle'))).toBe(true)
    for (const r of graph) expect(r.needs.graph || !r.entity).toBe(true)
    for (const i of plan.keyedRules) expect(ruleset.rules[i]!.needs.graph).toBe(false)
    expect(plan.keyedRules.length + plan.graphRules.length).toBe(ruleset.rules.length)
  })

  it('writes the outputs and cases of one screener whatever the number of partitions (default pack with lists)', async () => {
    const ruleset = await rulesetOf()
    const watchlists = await loadWatchlists([`indicators-csv:${join(ROOT, 'fixtures/generated/indicators.csv')}`])
    const one = await screen(RECORDS, new InProcessEngine(new Screener(ruleset, { cases: true, ...(watchlists && { watchlists }) })))
    expect(one.out.split('\n').filter((l) => l.includes('"hits":[{')).length).toBeGreaterThan(100)
    for (const p of [1, 3, 8]) {
      const parted = await screen(RECORDS, new PartitionedEngine(ruleset, p, { cases: true, ...(watchlists && { watchlists }) }))
      expect(parted.out, `P=${p}`).toBe(one.out)
      expect(parted.cases, `P=${p}`).toBe(one.cases)
    }
  }, 240_000)

  it('keeps the graph pack exact: cycles, layering and gather-scatter over several hops', async () => {
    const ruleset = await rulesetOf(join(ROOT, 'rules/aml-graph'))
    const one = await screen(RECORDS, new InProcessEngine(new Screener(ruleset, { cases: true })))
    expect(one.out).toMatch(/cycle/)
    const parted = await screen(RECORDS, new PartitionedEngine(ruleset, 5, { cases: true }))
    expect(parted.out).toBe(one.out)
    expect(parted.cases).toBe(one.cases)
  }, 240_000)
})
