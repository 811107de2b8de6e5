// The CPU a shadow adds per call, in one process and without HTTP or a database: the bench's synthetic screen
// bodies through the default pack's screener (what the active set does), and again through a second screener of
// the shadow candidate plus the comparison tally and the stored row's JSON (what the shadow does per call).
// Figures are process.cpuUsage over the same records, alternating rounds; the median of each.
//   npx tsx bench/shadow-cpu.ts [--calls 20000] [--rounds 5]
import { parseArgs } from 'node:util'
import { compileRuleset, Screener, type CompiledRuleset, type TransferRecord } from '../src/core/index.ts'
import { readRuleSources } from '../src/rules-fs.ts'
import { ComparisonTally } from '../src/service/shadow-comparison.ts'
import { screenOutcome } from '../src/service/shadow-outcome.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } } })
const calls = Number(values.calls)
const ROOT = new URL('..', import.meta.url).pathname

async function compile(review: number): Promise<CompiledRuleset> {
  const files = (await readRuleSources(`${ROOT}rules/default`)).map((f) => (/ruleset\.ya?ml$/.test(f.path) ? { ...f, text: f.text.replace(/review: 40\b/, `review: ${review}`) } : f))
  const r = compileRuleset(files)
  if (!r.ok) throw new Error('does not compile')
  return r.ruleset
}

const active = await compile(40)
const candidate = await compile(35)
const next = screenBodies(readScenarios(), 'shadow-cpu')
const records: TransferRecord[] = Array.from({ length: calls }, () => JSON.parse(next()) as TransferRecord)

const micros = (u: NodeJS.CpuUsage) => u.user + u.system
function round(withShadow: boolean): number {
  const screener = new Screener(active)
  const shadow = new Screener(candidate)
  const tally = new ComparisonTally()
  const start = process.cpuUsage()
  for (const r of records) {
    const v = screener.screen(r)
    if (!withShadow) continue
    const s = screenOutcome(shadow, r, v.decision)
    if (s) tally.add(v, s, 0)
  }
  return micros(process.cpuUsage(start)) / calls
}

const a: number[] = []
const b: number[] = []
for (let i = 0; i < Number(values.rounds); i++) {
  a.push(round(false))
  b.push(round(true))
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
console.log(`active screening ${median(a).toFixed(1)} µs a call; with the shadow ${median(b).toFixed(1)} µs (+${(median(b) - median(a)).toFixed(1)} µs); rounds ${a.map((x) => x.toFixed(0)).join(' ')} / ${b.map((x) => x.toFixed(0)).join(' ')}`)
