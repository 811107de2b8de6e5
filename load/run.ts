// npm run load [-- --scenario screen|batch|all] [--store postgres|pglite] [--port N] [--rate N] [--seconds N] [--commit sync|async]
//              [--traffic synthetic|generated]
// Runs the scenarios of load/scenarios.json against a server it starts on loopback (screen: constant arrival
// rate, open loop; batch: autocannon, closed loop)
// with a fresh key, and reports what k6 would: requests/s, p50/p95/p99, errors, pass/fail per threshold.
import { parseArgs } from 'node:util'
import type { LoadFigures } from './lib/figures.ts'
import { runBatches, runScreen } from './lib/run-scenario.ts'
import { generatedRecords } from '../bench/data.ts'
import { judge, readScenarios, type Thresholds, type Traffic } from './lib/scenarios.ts'
import { freshDatabase, startService, withAsyncCommit } from './lib/service.ts'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    store: { type: 'string', default: 'postgres' },
    port: { type: 'string', default: '18787' },
    // the screen scenario at another arrival rate or length, to find the rate this machine sustains
    rate: { type: 'string' },
    seconds: { type: 'string' },
    // async: PostgreSQL commits without waiting for the WAL flush (see withAsyncCommit), to see what fsync stalls cost
    commit: { type: 'string', default: 'sync' },
    // generated: the screen scenario replays `txscreen generate` records (scenarios.json "generated") instead of
    // its synthetic random transfers, whose dense graph makes most calls alert
    traffic: { type: 'string', default: 'synthetic' },
  },
})
const scenarios = readScenarios()
const runId = Date.now().toString(36)
const usage = (values.commit !== 'sync' && values.commit !== 'async' && `--commit is sync or async, not "${values.commit}"`) ||
  (values.commit === 'async' && values.store !== 'postgres' && '--commit async is a PostgreSQL setting; use it with --store postgres') ||
  (values.traffic !== 'synthetic' && values.traffic !== 'generated' && `--traffic is synthetic or generated, not "${values.traffic}"`)
if (usage) {
  process.stderr.write(`npm run load: ${usage}\n`)
  process.exit(2)
}
const g = scenarios.generated
const traffic: Traffic = values.traffic === 'generated' ? { kind: 'generated', file: await generatedRecords(g.seed, g.records, g.accounts) } : { kind: 'synthetic' }
const fresh = values.store === 'postgres' ? await freshDatabase('txscreen_load') : undefined
const databaseUrl = fresh && values.commit === 'async' ? withAsyncCommit(fresh) : fresh
const started = await startService({ port: Number(values.port), ...(databaseUrl && { databaseUrl }) })
if ('skipped' in started) {
  process.stdout.write(`skipped: ${started.skipped}\n`)
  process.exit(0)
}
const service = started

let failed = false
function report(name: string, f: LoadFigures, t: Thresholds, unit: string, recordsPerRequest = 1): void {
  const checks = judge(f, t)
  failed ||= checks.some((c) => !c.pass)
  const records = recordsPerRequest > 1 ? ` = ${Math.round(f.perSecond * recordsPerRequest)} records/s` : ''
  const lines = [
    `${name}: ${f.requests} ${unit} in ${f.seconds.toFixed(1)} s = ${f.perSecond.toFixed(1)} ${unit}/s${records} (${service.store}${values.commit === 'async' ? ', synchronous_commit off' : ''})`,
    `  latency p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms`,
    `  errors ${f.errors} (${JSON.stringify(f.statuses)})${f.dropped ? `; ${f.dropped} requests dropped: every connection was busy when they fell due` : ''}`,
    ...(f.serverCpuMicros === undefined ? [] : [`  server CPU ${f.serverCpuMicros.toFixed(0)} µs a request (user + system, whole process)`]),
    ...checks.map((c) => `  ${c.pass ? 'PASS' : 'FAIL'} ${c.name} ${c.value} (threshold ${c.limit})`),
  ]
  process.stdout.write(lines.join('\n') + '\n')
}

try {
  if (values.scenario === 'all' || values.scenario === 'screen') {
    const override = { ...(values.rate && { rate: Number(values.rate) }), ...(values.seconds && { seconds: Number(values.seconds) }) }
    report(traffic.kind === 'generated' ? 'screen (generated traffic)' : 'screen', await runScreen(service, scenarios, runId, override, traffic), scenarios.screen.thresholds, 'requests')
  }
  if (values.scenario === 'all' || values.scenario === 'batch') {
    report('batch', await runBatches(service, scenarios, runId), scenarios.batch.thresholds, 'uploads', scenarios.batch.records_per_upload)
  }
} finally {
  const peak = await service.stop()
  if (peak !== undefined) process.stdout.write(`server peak RSS ${peak.toFixed(0)} MiB\n`)
  // the server's own account: flush sizes, and commits slow enough to set the latency tail
  const said = service.log().trim()
  if (said) process.stdout.write(`server log:\n${said.replace(/^/gm, '  ')}\n`)
}
process.exitCode = failed ? 1 : 0
