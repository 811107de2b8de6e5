import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadWatchlists } from '../../src/cli/load-ruleset.ts'
import {
  compileRuleset, PartitionPlan, PartitionScreener, Screener, validateRecord,
  type CompiledRuleset, type Hit, type TransferRecord,
} from '../../src/core/index.ts'
import { readRuleSources } from '../../src/rules-fs.ts'

const ROOT = join(import.meta.dirname, '../..')
const RECORDS: TransferRecord[] = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l, i) => {
    const parsed = validateRecord(JSON.parse(l), i + 1)
    if (!parsed.ok) throw new Error(`fixture line ${i + 1} does not parse`)
    return parsed.record
  })

async function rulesetOf(dir?: string): Promise<CompiledRuleset> {
  const compiled = compileRuleset(await readRuleSources(dir))
  if (!compiled.ok) throw new Error(`${dir ?? 'the default pack'} does not compile`)
  return compiled.ruleset
}

/**
 * The hits of `records` through one screener, and through a chain of screeners each restored from a
 * structured clone of the previous one's snapshot every `every` records: what a worker taking over from a
 * snapshot does, many times over.
 */
function bothWays<S extends { hits(r: TransferRecord): Hit[]; snapshot(): unknown; restore(s: never): void }>(
  make: () => S,
  records: readonly TransferRecord[],
  every: number,
): { straight: string; hopping: string; hops: number } {
  const one = make()
  const straight = records.map((r) => one.hits(r))
  let current = make()
  let hops = 0
  const hopping = records.map((r, i) => {
    if (i > 0 && i % every === 0) {
      const next = make()
      next.restore(structuredClone(current.snapshot()) as never)
      current = next
      hops++
    }
    return current.hits(r)
  })
  return { straight: JSON.stringify(straight), hopping: JSON.stringify(hopping), hops }
}

describe('state snapshots', () => {
  it('a screener restored from a snapshot screens on exactly as the one it was taken from (default pack, lists)', async () => {
    const ruleset = await rulesetOf()
    const watchlists = await loadWatchlists([`indicators-csv:${join(ROOT, 'fixtures/generated/indicators.csv')}`])
    const { straight, hopping, hops } = bothWays(() => new Screener(ruleset, { ...(watchlists && { watchlists }) }), RECORDS, 1777)
    expect(hops).toBeGreaterThan(10)
    expect(straight).toMatch(/"rule":/)
    expect(hopping).toBe(straight)
  }, 240_000)

  it('does the same for every partition of a plan, graph partition included (graph pack)', async () => {
    const ruleset = await rulesetOf(join(ROOT, 'rules/aml-graph'))
    const plan = new PartitionPlan(ruleset, 3)
    for (const p of plan.all) {
      const mine = p === plan.graphPartition ? RECORDS : RECORDS.filter((r) => plan.keyPartitionsOf(r).includes(p))
      const { straight, hopping } = bothWays(() => new PartitionScreener(plan, p), mine, 997)
      if (p === plan.graphPartition) expect(straight).toMatch(/cycle/)
      expect(hopping, `partition ${p}`).toBe(straight)
    }
  }, 240_000)

  it('refuses a snapshot of another partition or ruleset, and a screener that has already screened', async () => {
    const ruleset = await rulesetOf()
    const plan = new PartitionPlan(ruleset, 2)
    const zero = new PartitionScreener(plan, 0)
    zero.hits(RECORDS[0]!)
    const snapshot = structuredClone(zero.snapshot())
    expect(() => new PartitionScreener(plan, 1).restore(snapshot)).toThrow(/partition 0 of 2/)
    expect(() => new PartitionScreener(new PartitionPlan(ruleset, 3), 0).restore(snapshot)).toThrow(/partition 0 of 2/)
    expect(() => zero.restore(snapshot)).toThrow(/new screener/)
    const graphPack = await rulesetOf(join(ROOT, 'rules/aml-graph'))
    expect(() => new Screener(graphPack).restore(structuredClone(new Screener(ruleset).snapshot()))).toThrow(/ruleset/)
  }, 120_000)
})
