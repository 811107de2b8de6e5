// How fast a backtest replays the kept history, against txscreen rules diff on the same records from a file: N
// generated records kept as one batch's history on PostgreSQL (a schema of its own), the default pack as the base
// and the same pack with its review threshold raised by 5 as the candidate; the replay's process CPU and wall time.
//   npx tsx bench/backtest.ts [--records 20000] [--url postgres://...]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { openDatabase } from '../src/adapters/node/open-database.ts'
import { readRuleSources } from '../src/rules-fs.ts'
import { runBacktest } from '../src/service/backtest-run.ts'
import { InProcessTasks } from '../src/service/background.ts'
import { DEFAULT_CONFIG } from '../src/service/deps.ts'
import { RulesetService } from '../src/service/rulesets.ts'
import { createBacktest, getBacktest } from '../src/store/backtests.ts'
import { keepBatchRecords } from '../src/store/screened-records.ts'
import { CACHE_DIR, CLI, ROOT, generatedRecords } from './data.ts'
import { runChild } from './child.ts'

const { values } = parseArgs({
  options: { records: { type: 'string', default: '20000' }, url: { type: 'string', default: process.env.TXSCREEN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test' } },
})
const n = Number(values.records)
const file = await generatedRecords(7, n, Math.min(20_000, Math.max(500, Math.floor(n / 40))))
const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
// the replay orders by time: the file sorted the same way is what the CLI reads
records.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
const candidateDir = join(CACHE_DIR, 'backtest-candidate')
mkdirSync(candidateDir, { recursive: true })
const base = await readRuleSources(join(ROOT, 'rules/default'))
for (const f of base) {
  const text = f.path.endsWith('ruleset.yaml') ? f.text.replace(/review: (\d+)/, (_m, v) => `review: ${Number(v) + 5}`) : f.text
  writeFileSync(join(candidateDir, f.path.split('/').pop()!), text)
}
const sorted = join(CACHE_DIR, `backtest-${n}.ndjson`)
writeFileSync(sorted, records.map((r) => JSON.stringify(r)).join('\n') + '\n')

const schema = `bench_backtest_${process.pid}`
const admin = new pg.Client({ connectionString: values.url })
await admin.connect()
await admin.query(`create schema ${schema}`)
const u = new URL(values.url)
u.searchParams.set('options', `-c search_path=${schema}`)
const store = await openDatabase({ kind: 'pg', url: u.toString() })
try {
  const rulesets = new RulesetService()
  const b = await rulesets.publish(store.db, base, { actor: 'bench', activate: true })
  const c = await rulesets.publish(store.db, await readRuleSources(candidateDir), { actor: 'bench', activate: false })
  if (!b.ok || !c.ok) throw new Error('rule sets do not compile')
  await keepBatchRecords(store.db, 'default', 'b_bench', records.map((record, seq) => ({ seq, record })))
  const deps = { db: store.db, rulesets, config: DEFAULT_CONFIG, background: new InProcessTasks() }
  const job = await createBacktest(store.db, { id: 'bt_bench', tenant: 'default', base: b.version, candidate: c.version, params: { sample: 20 }, createdBy: 'bench' })
  const cpu = process.cpuUsage()
  const started = performance.now()
  await runBacktest(deps, job)
  const wall = performance.now() - started
  const used = process.cpuUsage(cpu)
  const report = (await getBacktest(store.db, 'default', 'bt_bench'))!.report as { records: number; alertVolumeChange: { absolute: number } }
  const cli = performance.now()
  const run = await runChild(['node', CLI, 'rules', 'diff', '--base', join(ROOT, 'rules/default'), '--candidate', candidateDir, sorted, '--json'], { cwd: ROOT })
  const cliWall = performance.now() - cli
  const same = JSON.stringify(JSON.parse(run.stdout)) === JSON.stringify(report)
  if (!same) {
    writeFileSync(join(CACHE_DIR, 'backtest-cli.json'), JSON.stringify(JSON.parse(run.stdout), null, 2))
    writeFileSync(join(CACHE_DIR, 'backtest-service.json'), JSON.stringify(report, null, 2))
  }
  console.log(`backtest of ${report.records.toLocaleString('en-US')} kept records: ${(wall / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU in this process (${Math.round(report.records / (wall / 1000)).toLocaleString('en-US')} records/s), alert volume ${report.alertVolumeChange.absolute}`)
  console.log(`txscreen rules diff on the same records from a file: ${(cliWall / 1000).toFixed(1)} s wall (with node's start); same report: ${same}`)
} finally {
  await store.close()
  await admin.query(`drop schema ${schema} cascade`)
  await admin.end()
}
