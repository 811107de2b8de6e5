// Where the window state of a batch sits, rule by rule: the generated records screened in-process by the whole
// pack, then, from the screener's state snapshot, each rule's window pool (MiB of typed arrays and record-id
// slots, windows held, slots freed by sweeps and not yet reused) and its transfer graph's parties, largest first.
//   npx tsx bench/rule-state.ts [--records N] [--accounts N] [--counterparties N] [--rules DIR]
// With --counterparties, issue 21's many-parties file (bench/data.ts, MANY_PARTIES). Not part of `npm run bench`.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { compileRuleset, inputFormats, Screener } from '../src/core/index.ts'
import type { WindowPoolSnapshot } from '../src/core/state/window-pool.ts'
import { DEFAULT_RULES_DIR, readRuleSources } from '../src/rules-fs.ts'
import { generatedRecords } from './data.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    accounts: { type: 'string', default: '20000' },
    counterparties: { type: 'string' },
    rules: { type: 'string' },
  },
})
const records = Number(values.records)
const counterparties = values.counterparties === undefined ? undefined : Number(values.counterparties)
const compiled = compileRuleset(await readRuleSources(values.rules ?? DEFAULT_RULES_DIR))
if (!compiled.ok) throw new Error('the rule pack does not compile: run `npx txscreen rules check`')
const { ruleset } = compiled
const screener = new Screener(ruleset)
const parser = inputFormats.named('ndjson')!.parser()
const file = await generatedRecords(42, records, Number(values.accounts), counterparties)

let screened = 0
for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (screened === records) break
  const parsed = parser.push([{ text, line: screened + 1 }])[0]
  if (!parsed?.ok) continue
  screener.screen(parsed.record)
  screened++
}

/** bytes of a pool's chunks (doubles, integers, one pointer per record-id slot), its windows and its free slots */
function poolUsage(pool: WindowPoolSnapshot): { bytes: number; windows: number; free: number } {
  let bytes = 0
  let windows = 0
  let free = 0
  for (const c of pool.classes) {
    c.rows.forEach((rows, i) => {
      const slots = c.meta[i]!.length / 3
      bytes += rows.byteLength + c.meta[i]!.byteLength + c.ids[i]!.length * 8
      // the last chunk is handed out up to `used` slots
      windows += i === c.rows.length - 1 ? c.used : slots
    })
    free += c.free.length
    windows -= c.free.length
  }
  return { bytes, windows, free }
}

const state = screener.snapshot()
const rows = state.runners.map((r, i) => {
  const rule = ruleset.rules[state.rules[i]!]!
  return { id: rule.id, window: rule.window ?? '', ...poolUsage(r.windows), graphParties: r.graph?.parties.length ?? 0 }
})
rows.sort((a, b) => b.bytes - a.bytes || b.graphParties - a.graphParties)
const total = rows.reduce((t, r) => ({ bytes: t.bytes + r.bytes, windows: t.windows + r.windows, free: t.free + r.free }), { bytes: 0, windows: 0, free: 0 })
const mib = (b: number) => (b / 2 ** 20).toFixed(1)
console.log(`${screened.toLocaleString('en-US')} records of ${file}; entities by namespace: ${state.entities.map((t) => t.keys.length.toLocaleString('en-US')).join(', ')}`)
console.log('| rule | window | pool MiB | windows | free slots | graph parties |')
console.log('|---|---|---:|---:|---:|---:|')
for (const r of rows) {
  if (r.bytes === 0 && r.graphParties === 0) continue
  console.log(`| ${r.id} | ${r.window} | ${mib(r.bytes)} | ${r.windows.toLocaleString('en-US')} | ${r.free.toLocaleString('en-US')} | ${r.graphParties ? r.graphParties.toLocaleString('en-US') : ''} |`)
}
console.log(`| all rules | | ${mib(total.bytes)} | ${total.windows.toLocaleString('en-US')} | ${total.free.toLocaleString('en-US')} | |`)
