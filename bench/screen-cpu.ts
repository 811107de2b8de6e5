// Server CPU per POST /v1/screen call, for two checkouts in alternating runs (what logging and metrics cost on
// the real-time path). Each run starts `npm start`'s server from a checkout on a fresh PostgreSQL database,
// warms up, then sends calls and reads the server's CPU time (user + system, Linux /proc) over the measured part.
//   npx tsx bench/screen-cpu.ts --a DIR --b DIR [--rounds 4] [--rate 1000] [--seconds 20] [--traffic FILE]
// `--traffic FILE` (either mode) sends the records of a `txscreen generate` file (in event-time order, ids made unique per run)
// instead of the synthetic transfers: `npm run bench`'s generated traffic is /tmp/txscreen-bench/seed42-r200000-a8000/records.ndjson.
// The open loop prints each run's completed share and p50/p99 beside the CPU.
// or, with `--calls N`, exactly N calls (after `--warm` calls) from `--concurrency` callers that each send the
// next call when the last is answered: both sides then screen the very same transfers into the very same state,
// so a slower run on a loaded machine does not also screen fewer transfers into a smaller state.
//   npx tsx bench/screen-cpu.ts --a DIR --b DIR --calls 6000 [--warm 2000] [--concurrency 16] [--cpu-prof DIR]
// `--threads` also prints the CPU of the server's main thread and of its other threads over the measured calls.
// `--cpu-prof DIR` writes each server's V8 CPU profiles (node --cpu-prof, one per thread) to DIR/<side>-<round>/.
// The server's figure is its own process only; the CPU of its PostgreSQL backends (processes titled with the
// run's database, sampled every 250 ms so that a backend ending mid-run loses at most its last 250 ms) is
// printed beside it, so that work moved into the database shows. `--port` and `--database` let two benches run
// side by side. `--a-env NAME=VALUE` and `--b-env NAME=VALUE` (repeatable) set a setting for one side's server,
// e.g. `--b-env TXSCREEN_HISTORY_RETENTION_DAYS=0` to compare one checkout with and without the kept history.
// `--a-node-flag FLAG` and `--b-node-flag FLAG` (repeatable) put a node flag before one side's own (its `npm start`
// flags), e.g. `--b-node-flag=--single-threaded-gc` to try a runtime flag on one tree before putting it in package.json.
import { execFile, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { promisify } from 'node:util'
import pg from 'pg'
import { driveOpenLoop } from '../load/lib/open-loop.ts'
import { RawHttpClient } from '../load/lib/raw-http.ts'
import { readScenarios, screenBodies, type Traffic } from '../load/lib/scenarios.ts'
import { freshDatabase, processCpuSeconds } from '../load/lib/service.ts'
import { serverNodeArgs } from '../load/lib/server-command.ts'

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    rounds: { type: 'string', default: '4' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    calls: { type: 'string' },
    warm: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    'cpu-prof': { type: 'string' },
    threads: { type: 'boolean', default: false },
    port: { type: 'string', default: '18795' },
    database: { type: 'string', default: 'txscreen_cpu_bench' },
    'a-env': { type: 'string', multiple: true, default: [] },
    'b-env': { type: 'string', multiple: true, default: [] },
    'a-node-flag': { type: 'string', multiple: true, default: [] },
    'b-node-flag': { type: 'string', multiple: true, default: [] },
    traffic: { type: 'string' },
  },
})
const PORT = Number(values.port)
// the database as freshDatabase names it (with TXSCREEN_BENCH_DB_SUFFIX): its backends' titles carry that name
const DATABASE = `${values.database!}${process.env.TXSCREEN_BENCH_DB_SUFFIX ?? ''}`
const TICKS = 100 // USER_HZ on Linux

const cpuSeconds = (pid: number): number => processCpuSeconds(pid)!

interface Driven {
  requests: number
  errors: number
  p50: number | undefined
  p99?: number
  dropped?: number
}

/** exactly `calls` calls, `concurrency` at a time, each caller sending its next call once the last is answered */
async function driveCalls(url: string, key: string, body: () => string, calls: number, concurrency: number): Promise<Driven> {
  const target = new URL(url)
  const client = new RawHttpClient({ host: target.hostname, port: Number(target.port), maxConnections: concurrency, timeoutMs: 30_000 })
  const head = `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\n`
  let sent = 0
  let errors = 0
  const caller = async () => {
    while (sent < calls) {
      sent++
      const result = await client.send(head, body())
      if ('error' in result || result.status !== 200) errors++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller))
  client.close()
  return { requests: calls, errors, p50: undefined }
}

/** CPU seconds of each of a process's threads by thread id (the main thread's is the process id) */
function threadSeconds(pid: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS)
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

/** CPU seconds of the PostgreSQL backends serving `database`, by process id, as last seen */
class BackendCpu {
  private readonly first = new Map<number, number>()
  private readonly last = new Map<number, number>()
  private readonly timer: ReturnType<typeof setInterval>
  constructor(private readonly database: string) {
    this.sample(true)
    this.timer = setInterval(() => this.sample(false), 250)
  }
  private sample(atStart: boolean): void {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      const pid = Number(entry)
      try {
        if (!this.last.has(pid)) {
          const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          if (!title.startsWith('postgres: ') || !title.split(' ').includes(this.database)) continue
        }
        const seconds = processCpuSeconds(pid)
        // a backend that ended between the listing and the read keeps its last figure
        if (seconds === undefined) continue
        // a backend started during the run counts from zero
        if (!this.first.has(pid)) this.first.set(pid, atStart ? seconds : 0)
        this.last.set(pid, seconds)
      } catch {
        // the process ended meanwhile
      }
    }
  }
  /** CPU seconds used since the start, and how many backends used it */
  stop(): { seconds: number; backends: number } {
    clearInterval(this.timer)
    this.sample(false)
    let seconds = 0
    for (const [pid, last] of this.last) seconds += last - this.first.get(pid)!
    return { seconds, backends: this.last.size }
  }
}

const backendResults: Record<string, number[]> = { a: [], b: [] }

/** real-time alerts stored, and how many of them the server's sweeps had rolled up into cases (none without the roll-up) */
async function rolledUp(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const alerts = `select count(*) from verdicts where batch_id is null and decision in ('review', 'block')`
    const { rows } = await client.query(`select (${alerts}) as alerts, (${alerts} and id <= (select last_verdict from realtime_case_progress)) as rolled`)
    return `${rows[0].alerts} alerts stored, ${rows[0].rolled} rolled up by the sweeps`
  } catch {
    return 'no real-time case roll-up'
  } finally {
    await client.end()
  }
}

async function run(root: string, label: string, round: number): Promise<number> {
  const databaseUrl = await freshDatabase(values.database!)
  const settings = Object.fromEntries((label === 'a' ? values['a-env']! : values['b-env']!).map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]))
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), DATABASE_URL: databaseUrl, ...settings }
  const created = await promisify(execFile)('node', [join(root, 'bin/txscreen.js'), 'keys', 'create', '--role', 'screen', '--name', 'cpu'], { cwd: root, env })
  const key = /txs_[0-9a-f]+_[0-9a-f]+/.exec(created.stdout + created.stderr)![0]
  const profile = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', join(resolve(values['cpu-prof']), `${label}-${round}`)] : []
  // as the checkout's `npm start` runs it (its own node flags), profiling flags first
  const node = ['node', ...serverNodeArgs(root, [...profile, ...(label === 'a' ? values['a-node-flag']! : values['b-node-flag']!)])]
  const server = spawn(node[0]!, node.slice(1), { cwd: root, env, stdio: ['ignore', 'ignore', 'ignore'] })
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`http://127.0.0.1:${PORT}/ready`).then((r) => r.ok, () => false)) || i > 240) break
      await new Promise((r) => setTimeout(r, 250))
    }
    const s = readScenarios()
    const url = `http://127.0.0.1:${PORT}/v1/screen`
    let figures: Driven
    let before: number
    let threadsBefore: Map<string, number> | undefined
    let backends: BackendCpu
    const traffic: Traffic = values.traffic ? { kind: 'generated', file: values.traffic } : { kind: 'synthetic' }
    if (values.calls) {
      // the same transfers on both sides: the ids' run prefix is the only difference
      const same = screenBodies(s, 'calls', traffic, Number(values.warm) + Number(values.calls))
      const concurrency = Number(values.concurrency)
      await driveCalls(url, key, same, Number(values.warm), concurrency)
      before = cpuSeconds(server.pid!)
      threadsBefore = threadSeconds(server.pid!)
      backends = new BackendCpu(DATABASE)
      figures = await driveCalls(url, key, same, Number(values.calls), concurrency)
    } else {
      const rate = Number(values.rate)
      const sent = screenBodies(s, `${label}-${round}`, traffic, Math.ceil(rate * (5 + Number(values.seconds))))
      // with a traffic file, as many requests waiting at once as `npm run bench` lets wait (4 × the scenario's connections)
      const maxConnections = values.traffic ? s.screen.connections * 4 : 64
      const common = { url, key, contentType: 'application/json', maxConnections, rate, body: sent }
      await driveOpenLoop({ ...common, seconds: 5 })
      before = cpuSeconds(server.pid!)
      threadsBefore = threadSeconds(server.pid!)
      backends = new BackendCpu(DATABASE)
      figures = await driveOpenLoop({ ...common, seconds: Number(values.seconds) })
    }
    const used = cpuSeconds(server.pid!) - before
    const pgCpu = backends.stop()
    if (threadsBefore && values.threads) {
      const main = `${server.pid}`
      let others = 0
      for (const [tid, t] of threadSeconds(server.pid!)) if (tid !== main) others += t - (threadsBefore.get(tid) ?? 0)
      const mainSeconds = threadSeconds(server.pid!).get(main)! - threadsBefore.get(main)!
      console.log(`  main thread ${mainSeconds.toFixed(2)} s, other threads (V8's GC and compiler helpers, libuv's pool) ${others.toFixed(2)} s`)
    }
    const ok = figures.requests - figures.errors
    if (figures.p99 !== undefined) {
      const offered = figures.requests + (figures.dropped ?? 0)
      console.log(`  open loop: ${((100 * ok) / offered).toFixed(1)} % of ${offered} offered completed, p50 ${figures.p50!.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${figures.dropped ?? 0} dropped`)
    }
    const perCall = (used * 1e6) / figures.requests
    const pgPerCall = (pgCpu.seconds * 1e6) / figures.requests
    backendResults[label]!.push(pgPerCall)
    console.log(`${label} round ${round}: ${figures.requests} calls (${ok} ok), server CPU ${used.toFixed(2)} s, ${perCall.toFixed(0)} µs a call${figures.p50 === undefined ? '' : `, p50 ${figures.p50} ms`}`)
    console.log(`  PostgreSQL: ${pgCpu.backends} backends ${pgCpu.seconds.toFixed(2)} s, ${pgPerCall.toFixed(0)} µs a call; server + PostgreSQL ${(perCall + pgPerCall).toFixed(0)} µs a call`)
    console.log(`  ${await rolledUp(databaseUrl)}`)
    return perCall
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
}

const results: Record<string, number[]> = { a: [], b: [] }
for (let round = 1; round <= Number(values.rounds); round++) {
  results.a!.push(await run(values.a!, 'a', round))
  results.b!.push(await run(values.b!, 'b', round))
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
const ma = median(results.a!)
const mb = median(results.b!)
console.log(`a: ${results.a!.map((x) => x.toFixed(0)).join(' ')}; b: ${results.b!.map((x) => x.toFixed(0)).join(' ')}`)
console.log(`median µs a call: a ${ma.toFixed(0)}, b ${mb.toFixed(0)}; b/a ${(mb / ma).toFixed(3)}`)
const pa = median(backendResults.a!)
const pb = median(backendResults.b!)
console.log(`PostgreSQL backends, median µs a call: a ${pa.toFixed(0)}, b ${pb.toFixed(0)}; b/a ${(pb / pa).toFixed(3)}`)
