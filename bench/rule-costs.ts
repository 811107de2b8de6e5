// What each rule of a pack costs: the generated batch screened in-process by each rule alone, microseconds per
// record above a screener with no rules, most expensive first (the sum is close to the whole pack's cost).
//   npx tsx bench/rule-costs.ts [--records N] [--rules DIR]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { compileRuleset, inputFormats, Screener, type TransferRecord } from '../src/core/index.ts'
import { DEFAULT_RULES_DIR, readRuleSources } from '../src/rules-fs.ts'
import { generatedRecords } from './data.ts'

const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, rules: { type: 'string' } } })
const compiled = compileRuleset(await readRuleSources(values.rules ?? DEFAULT_RULES_DIR))
if (!compiled.ok) throw new Error('the rule pack does not compile: run `npx txscreen rules check`')
const ruleset = compiled.ruleset

// the same data as `npm run bench`, parsed once up front so only screening is timed
const file = await generatedRecords(42, 200_000, 8000)
const lines = readFileSync(file, 'utf8').split('\n').slice(0, Number(values.records))
const records: TransferRecord[] = inputFormats.named('ndjson')!.parser()
  .push(lines.map((text, i) => ({ text, line: i + 1 })))
  .flatMap((p) => (p.ok ? [p.record] : []))

/** microseconds per record for a fresh screener running `rules` (all of them when undefined) */
function perRecord(rules: number[] | undefined): number {
  const screener = new Screener(ruleset, rules ? { rules } : {})
  const started = performance.now()
  for (const r of records) screener.hits(r)
  return ((performance.now() - started) * 1000) / records.length
}

perRecord(undefined) // warm-up: compile the shared code paths before anything is timed
const none = perRecord([])
const all = perRecord(undefined)
const costs = ruleset.rules.map((r, i) => ({ id: r.id, us: perRecord([i]) - none })).sort((a, b) => b.us - a.us)
console.log(`${records.length.toLocaleString('en-US')} records; the whole pack ${all.toFixed(1)} us per record, no rules ${none.toFixed(2)}`)
for (const c of costs) console.log(`${c.id.padEnd(32)} ${c.us.toFixed(2).padStart(6)} us`)
console.log(`${'sum of the rules alone'.padEnd(32)} ${costs.reduce((t, c) => t + c.us, 0).toFixed(2).padStart(6)} us`)
