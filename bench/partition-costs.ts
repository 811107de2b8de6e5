// Where the work of entity-partitioned screening goes (docs/scale-out.md), in one process: the router's
// share (parse check, keys, routing, merge, verdict, cases), each key partition's and the graph partition's,
// and how many partitions a transfer touches. Times are wall clock around each call of one loop, so on a
// loaded machine compare the shares, not the absolute figures.
//   npx tsx bench/partition-costs.ts [--records N] [--partitions P] [--rules DIR] [--list FORMAT:PATH]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadWatchlists } from '../src/cli/load-ruleset.ts'
import { compileRuleset, isRouted, PartitionRouter, PartitionScreener, validateRecord, type Hit } from '../src/core/index.ts'
import { readRuleSources } from '../src/rules-fs.ts'

const ROOT = join(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    partitions: { type: 'string', default: '4' },
    rules: { type: 'string' },
    list: { type: 'string', multiple: true, default: [`indicators-csv:${join(ROOT, 'fixtures/generated/indicators.csv')}`] },
  },
})
const compiled = compileRuleset(await readRuleSources(values.rules))
if (!compiled.ok) throw new Error('the rules do not compile')
const ruleset = compiled.ruleset
const watchlists = await loadWatchlists(values.list)
const P = Number(values.partitions)
const router = new PartitionRouter(ruleset, P, { cases: true })
const parts = router.plan.all.map((p) => new PartitionScreener(router.plan, p, watchlists ? { watchlists } : {}))
const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').filter(Boolean).slice(0, Number(values.records))

const spent = new Array<number>(P + 1).fill(0)
const seen = new Array<number>(P + 1).fill(0)
let routing = 0
let touched = 0
for (let i = 0; i < lines.length; i++) {
  let t = performance.now()
  const routed = router.route(validateRecord(JSON.parse(lines[i]!), i + 1))
  routing += performance.now() - t
  if (!isRouted(routed)) continue
  touched += routed.partitions.length
  const hits: Hit[][] = []
  for (const p of routed.partitions) {
    t = performance.now()
    hits.push(parts[p]!.hits(routed.record))
    spent[p]! += performance.now() - t
    seen[p]!++
  }
  t = performance.now()
  router.verdict(routed.record, hits)
  routing += performance.now() - t
}
const total = routing + spent.reduce((a, b) => a + b, 0)
const pct = (x: number) => `${((100 * x) / total).toFixed(1)}%`
console.log(`${lines.length} records, P = ${P}, ${ruleset.rules.length} rules (${router.plan.keyedRules.length} keyed, ${router.plan.graphRules.length} in the graph partition)`)
console.log(`partitions per transfer: ${(touched / lines.length).toFixed(2)} (the graph partition included)`)
console.log(`router (route + merge + verdict): ${pct(routing)}`)
spent.forEach((ms, p) => console.log(`${p === P ? 'graph partition' : `key partition ${p}`}: ${pct(ms)} of the work, ${seen[p]} transfers`))
