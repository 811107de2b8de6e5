// The Worker's real-time path in workerd (wrangler's local runtime), state in Durable Objects by partition
// against state replayed from PostgreSQL per call: wall time per call and workerd CPU per call, the two Workers
// called alternately with the same transfers (the generated fixture, in order) over databases of their own.
// Not part of `npm run bench`.
//   npx tsx bench/edge-objects.ts [--records 600] [--warm 50] [--partitions 4]
// The first --warm transfers are not timed (every object built, the rule set compiled in each); workerd CPU is
// then read at each third of the timed transfers, as the database path's cost grows with the history.
// Local runtime only: Hyperdrive's local mode connects straight to PostgreSQL, the objects run in the same
// workerd process as the Worker, so a call to an object costs no network hop here; on Cloudflare it does.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../src/adapters/node/open-database.ts'
import { createApiKey } from '../src/store/api-keys.ts'
import { freshDatabase } from '../load/lib/service.ts'
import { startLocalWorker, type LocalWorker } from '../load/lib/workerd.ts'

const { values } = parseArgs({ options: { records: { type: 'string', default: '600' }, warm: { type: 'string', default: '50' }, partitions: { type: 'string', default: '4' } } })
const N = Number(values.records)
const WARM = Number(values.warm)
const FIXTURE = join(import.meta.dirname, '../fixtures/generated/records.ndjson')
const all = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean).slice(0, WARM + N)
const [warmUp, records] = [all.slice(0, WARM), all.slice(WARM)]

/** utime + stime of a process, in ms (clock ticks of 10 ms) */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** workerd processes under this one */
function workerds(): Set<number> {
  const parent = new Map<number, number>()
  const name = new Map<number, string>()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      name.set(Number(d), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => pid === process.pid || (pid > 1 && parent.has(pid) && mine(parent.get(pid)!))
  return new Set([...name].filter(([pid, n]) => n.startsWith('workerd') && mine(pid)).map(([pid]) => pid))
}

async function start(name: string, vars: Record<string, string>): Promise<{ worker: LocalWorker; key: string; pid: number }> {
  const url = await freshDatabase(name)
  const store = await openDatabase({ kind: 'pg', url })
  const key = (await createApiKey(store.db, { role: 'screen', name: 'bench' })).key
  await store.close()
  const before = workerds()
  const worker = await startLocalWorker(url, vars)
  const pid = [...workerds()].find((p) => !before.has(p))
  if (pid === undefined) throw new Error('no workerd process found for the Worker')
  return { worker, key, pid }
}

const modes = {
  objects: await start('txscreen_bench_edge_objects', { TXSCREEN_PARTITIONS: values.partitions! }),
  database: await start('txscreen_bench_edge_database', { TXSCREEN_REALTIME_STATE: 'database' }),
}
type Mode = keyof typeof modes
const refused: Record<Mode, number> = { objects: 0, database: 0 }
const call = async (mode: Mode, body: string): Promise<{ ms: number; text: string }> => {
  const { worker, key } = modes[mode]
  const started = performance.now()
  const res = await worker.fetch('/v1/screen', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body })
  const text = await res.text()
  // a loaded machine can trip the pool's wait (503): counted, and the call made again
  if (res.status === 503) {
    refused[mode]++
    return call(mode, body)
  }
  if (res.status !== 200) throw new Error(`${mode}: ${res.status} ${text}`)
  return { ms: performance.now() - started, text }
}
// the first calls prepare each isolate (migrations, the bundled pack) and build the objects
for (const body of warmUp) for (const mode of ['objects', 'database'] as const) await call(mode, body)

const times: Record<Mode, number[]> = { objects: [], database: [] }
const per = Math.ceil(N / 3)
const cpu: Record<Mode, number[]> = { objects: [], database: [] }
const readCpu = () => {
  for (const mode of ['objects', 'database'] as const) cpu[mode].push(cpuMs(modes[mode].pid))
}
let differing = 0
readCpu()
for (const [i, body] of records.entries()) {
  // alternate which goes first, so a drift in the machine's load falls on both
  const order: Mode[] = i % 2 === 0 ? ['objects', 'database'] : ['database', 'objects']
  const answers: Record<string, string> = {}
  for (const mode of order) {
    const { ms, text } = await call(mode, body)
    times[mode].push(ms)
    answers[mode] = text
  }
  if (answers.objects !== answers.database) differing++
  if ((i + 1) % per === 0 || i === N - 1) readCpu()
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!
console.log(`${N} transfers of fixtures/generated in order after ${WARM} untimed, alternately to each Worker; ${values.partitions} key partitions + the graph partition`)
console.log('| path | wall ms per call p50 / p90 / p99 | workerd CPU ms per call | by third of the calls |')
console.log('|---|---|---:|---|')
for (const mode of ['objects', 'database'] as const) {
  const t = times[mode]
  const c = cpu[mode]
  const thirds = c.slice(1).map((v, i) => ((v - c[i]!) / Math.min(per, N - i * per)).toFixed(2))
  console.log(`| ${mode} | ${pct(t, 50).toFixed(1)} / ${pct(t, 90).toFixed(1)} / ${pct(t, 99).toFixed(1)} | ${((c.at(-1)! - c[0]!) / N).toFixed(2)} | ${thirds.join(' / ')} |`)
}
console.log(`503 answers (made again): objects ${refused.objects}, database ${refused.database}`)
console.log(`verdicts that differ between the two paths: ${differing} (the database path sees cycles of at most three hops)`)
for (const mode of ['objects', 'database'] as const) await modes[mode].worker.stop()
