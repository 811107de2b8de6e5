// CPU of the real-time group-commit statement alone: this process (building the statement, the PostgreSQL client)
// and its one PostgreSQL backend, per call written. The load scenario's synthetic transfers are screened up front
// (default rules, or --rules DIR), then written in flushes of `--group` calls with `appendEntityEvents` of the
// checkout named by `--root` (this one by default) on a fresh database migrated by that checkout, so two
// checkouts' statements can be compared on the same rows:
//   npx tsx bench/realtime-append.ts [--root DIR] [--calls 6000] [--group 6] [--store alerts|all] [--rules DIR]
// The first 1,000 calls warm up and are not counted.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { compileRuleset, Screener } from '../src/core/index.ts'
import { transferFromBody } from '../src/http/record-body.ts'
import { DEFAULT_RULES_DIR, readRuleSources } from '../src/rules-fs.ts'
import { shouldStore, toVerdictRow } from '../src/service/verdict-rows.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { freshDatabase } from '../load/lib/service.ts'

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
    calls: { type: 'string', default: '6000' },
    group: { type: 'string', default: '6' },
    store: { type: 'string', default: 'all' },
    rules: { type: 'string' },
    database: { type: 'string', default: 'txscreen_append_bench' },
  },
})
const root = resolve(values.root!)
const from = (path: string) => import(pathToFileURL(`${root}/${path}`).href)
const { openDatabase } = await from('src/adapters/node/open-database.ts')
const { appendEntityEvents } = await from('src/store/realtime-store.ts')

const compiled = compileRuleset(await readRuleSources(values.rules ?? DEFAULT_RULES_DIR))
if (!compiled.ok) throw new Error('the rule pack does not compile')
const screener = new Screener(compiled.ruleset)
const body = screenBodies(readScenarios(), `append-${Date.now()}`)
const calls = Number(values.calls)
const group = Number(values.group)
const WARM = 1000
const written = Array.from({ length: calls }, () => {
  const text = body()
  const record = transferFromBody(JSON.parse(text), text)
  const verdict = screener.screen(record)
  const keys = screener.entityKeys(record)
  const owner = { batchId: null, seq: null, line: null, ruleset: verdict.ruleset, tenant: 'default', keyId: 'bench' }
  const row = shouldStore(verdict, values.store === 'alerts' ? 'alerts' : 'all') ? { ...toVerdictRow(verdict, owner, record, keys), outputJson: JSON.stringify(verdict) } : undefined
  const event = { keys, eventId: record.id, occurredAt: new Date(Date.parse(record.timestamp)).toISOString(), record: JSON.stringify(record), tenant: 'default' }
  return { event, row }
})

const store = await openDatabase({ kind: 'pg', url: await freshDatabase(values.database!), poolSize: 1 })
const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)
const backendPid = rows[0]!.pid
const backendSeconds = () => {
  const stat = readFileSync(`/proc/${backendPid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}
const flush = async (first: number, end: number) => {
  for (let i = first; i < end; i += group) {
    const part = written.slice(i, Math.min(i + group, end))
    await appendEntityEvents(store.db, part.map((c) => c.event), part.flatMap((c) => (c.row ? [c.row] : [])))
  }
}
await flush(0, WARM)
const backendBefore = backendSeconds()
const before = process.cpuUsage()
await flush(WARM, calls)
const used = process.cpuUsage(before)
const measured = calls - WARM
const backend = ((backendSeconds() - backendBefore) * 1e6) / measured
console.log(`${root}: ${measured} calls in flushes of ${group}: PostgreSQL backend ${backend.toFixed(0)} µs a call, this process ${((used.user + used.system) / measured).toFixed(0)} µs a call`)
await store.close()
