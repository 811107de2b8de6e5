// CPU of the real-time case roll-up (the server's 30 s sweep), in this process and in its PostgreSQL backends.
// Screens `--calls` of the load scenario's synthetic transfers through the in-memory real-time path (as
// `POST /v1/screen` does, committed with their verdicts and kept history), rolls the alerts up, and repeats for
// `--sweeps` rounds, so later roll-ups add to the cases the earlier ones made, as successive sweeps do.
//   npx tsx bench/realtime-rollup.ts [--calls 2000] [--sweeps 4] [--rules DIR] [--cpu-prof FILE]
// Per sweep: alerts rolled up, process CPU (user + system) and the backends' CPU (Linux /proc, 10 ms ticks),
// and both per call screened since the last sweep. `--rules` takes another rule set (the server bench's A/B runs
// use an older checkout's rules/default).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import { inputFormats, type TransferRecord } from '../src/core/index.ts'
import { ensureActiveRuleset } from '../src/adapters/node/default-ruleset.ts'
import { openDatabase } from '../src/adapters/node/open-database.ts'
import { InProcessTasks } from '../src/service/background.ts'
import { DEFAULT_CONFIG, type ServiceDeps } from '../src/service/deps.ts'
import { LiveScreening } from '../src/service/live-screening.ts'
import { rollUpRealtimeCases } from '../src/service/realtime-cases.ts'
import { RulesetService } from '../src/service/rulesets.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { freshDatabase } from '../load/lib/service.ts'

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    sweeps: { type: 'string', default: '4' },
    rules: { type: 'string' },
    database: { type: 'string', default: 'txscreen_rollup_bench' },
    'cpu-prof': { type: 'string' },
  },
})
const calls = Number(values.calls)
const database = values.database!

/** CPU seconds of the PostgreSQL backends serving `database` (processes titled with its name) */
function backendSeconds(): number {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) continue
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')
      total += (Number(fields[11]) + Number(fields[12])) / 100
    } catch {
      // the process ended meanwhile
    }
  }
  return total
}

const store = await openDatabase({ kind: 'pg', url: await freshDatabase(database), poolSize: 4 })
const rulesets = new RulesetService()
await ensureActiveRuleset(store.db, rulesets, values.rules)
const deps: ServiceDeps = { db: store.db, rulesets, config: DEFAULT_CONFIG, background: new InProcessTasks() }
const live = new LiveScreening(store.db, rulesets, { storeVerdicts: 'all', keepHistory: true })
await live.start()
const parser = inputFormats.named('ndjson')!.parser()
const body = screenBodies(readScenarios(), 'rollup')
const caller = { tenant: 'default', keyId: 'bench' }

const profiler = values['cpu-prof'] ? new Session() : undefined
if (profiler) {
  profiler.connect()
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 })
}
let totalCpu = 0
let totalPg = 0
for (let sweep = 1; sweep <= Number(values.sweeps); sweep++) {
  const records: TransferRecord[] = []
  for (let i = 0; i < calls; i++) {
    const parsed = parser.push([{ text: body(), line: i + 1 }])[0]
    if (parsed?.ok) records.push(parsed.record)
  }
  // 16 callers, as the server bench's
  for (let i = 0; i < records.length; i += 16) await Promise.all(records.slice(i, i + 16).map((r) => live.screen(r, caller)))
  if (profiler) await profiler.post('Profiler.start')
  const cpu = process.cpuUsage()
  const pg = backendSeconds()
  const alerts = await rollUpRealtimeCases(deps, 0)
  const used = process.cpuUsage(cpu)
  if (profiler) await profiler.post('Profiler.stop').then((r) => writeFileSync(`${values['cpu-prof']}.${sweep}.cpuprofile`, JSON.stringify(r.profile)))
  const ms = (used.user + used.system) / 1000
  const pgMs = (backendSeconds() - pg) * 1000
  totalCpu += ms
  totalPg += pgMs
  console.log(
    `sweep ${sweep}: ${alerts} alerts of ${records.length} calls, process ${ms.toFixed(0)} ms (${((ms * 1000) / records.length).toFixed(1)} µs a call), ` +
      `PostgreSQL ${pgMs.toFixed(0)} ms (${((pgMs * 1000) / records.length).toFixed(1)} µs a call)`,
  )
}
const screened = calls * Number(values.sweeps)
console.log(`all sweeps: process ${totalCpu.toFixed(0)} ms (${((totalCpu * 1000) / screened).toFixed(1)} µs a call), PostgreSQL ${totalPg.toFixed(0)} ms (${((totalPg * 1000) / screened).toFixed(1)} µs a call)`)
await live.close()
await store.close()
