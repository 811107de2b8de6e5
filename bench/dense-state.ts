// The real-time load scenario's transfers screened by the core alone, in-process: microseconds per transfer
// as the state fills (the scenario joins 5,000 accounts at random, so the 30-day transfer graph gets dense).
//   npx tsx bench/dense-state.ts [--transfers N] [--rule ID | --without ID]
import { parseArgs } from 'node:util'
import { compileRuleset, Screener, type TransferRecord } from '../src/core/index.ts'
import { readRuleSources } from '../src/rules-fs.ts'
import { transferSource } from '../load/lib/payload.js'
import { readScenarios } from '../load/lib/scenarios.ts'

const { values } = parseArgs({ options: { transfers: { type: 'string', default: '100000' }, rule: { type: 'string' }, without: { type: 'string' } } })
const compiled = compileRuleset(await readRuleSources())
if (!compiled.ok) throw new Error('the default rule pack does not compile')
const ruleset = compiled.ruleset
// one rule alone (--rule), or every rule but one (--without): what a rule costs on this state, and what the rest do
const named = values.rule ?? values.without
const index = named === undefined ? -1 : ruleset.rules.findIndex((r) => r.id === named)
if (named !== undefined && index === -1) throw new Error(`no rule ${named}; rules: ${ruleset.rules.map((r) => r.id).join(', ')}`)
const all = ruleset.rules.map((_r, i) => i)
const share = values.rule !== undefined ? [index] : values.without !== undefined ? all.filter((i) => i !== index) : all
const screener = new Screener(ruleset, { rules: share })

const { payload } = readScenarios()
const next = transferSource(payload.seed, payload.accounts, 'dense')
const total = Number(values.transfers)
const step = Math.max(1, Math.floor(total / 5))
let started = performance.now()
for (let i = 1; i <= total; i++) {
  screener.hits(next() as TransferRecord)
  if (i % step === 0) {
    const now = performance.now()
    console.log(`${i.toLocaleString('en-US').padStart(9)} transfers: ${(((now - started) * 1000) / step).toFixed(1)} us per transfer over the last ${step.toLocaleString('en-US')}`)
    started = now
  }
}
