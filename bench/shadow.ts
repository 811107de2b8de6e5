// What a shadow rule set costs POST /v1/screen: alternating runs of `npm start`'s server (in-memory real-time state,
// a fresh PostgreSQL database each) without and with a shadow, each sent calls at a fixed arrival rate. A run
// reports the p95 latency the load driver saw and the server's CPU time (user + system, Linux /proc) per call
// over the measured part and until the shadow has screened every call: the whole process's with its child
// processes, its main thread's (the event loop), the shadow's (its child process, or threads at nice 19), the
// server's other threads' (V8's and libuv's helpers, at normal priority), and the run database's PostgreSQL
// backends' (found by their process titles; the server's connections and a shadow's own, the latter also apart, found by its application_name). The active set is the default pack; the
// shadow is one of bench/shadow-candidates.ts (--candidate): `tuned` (5 of 51 rules differ, so the shadow runs those
// 5 and takes the other rules' hits from the active screening), `different` (another lateness: it runs all 51),
// `review35` (the candidate before: only the review threshold differs, so it runs none).
// The shadow holds its calls while the server is busy (TXSCREEN_SHADOW_MAX_LOAD): a run also reports how many it
// held as the calls ended, the oldest's wait, and how long it took to catch up (the CPU counts until then).
//   npx tsx bench/shadow.ts [--candidate tuned|different|review35] [--rounds 3] [--rate 1000] [--seconds 20] [--port 18797] [--json FILE]
import { execFile, spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { driveOpenLoop } from '../load/lib/open-loop.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { freshDatabase } from '../load/lib/service.ts'
import pg from 'pg'
import { SHADOW_APPLICATION_NAME } from '../src/adapters/node/shadow-process-messages.ts'
import { CANDIDATES, candidateFiles, type CandidateName } from './shadow-candidates.ts'

const ROOT = new URL('..', import.meta.url).pathname
/** the server's port (--port): another bench on the same machine may hold the default */
let PORT = 18797
const TICKS = 100 // USER_HZ on Linux

export interface ShadowRun {
  shadow: boolean
  calls: number
  errors: number
  p50: number
  p95: number
  p99: number
  cpuMicrosPerCall: number
  /** of which the main thread's (the event loop's): the shadow's thread is not in it */
  mainCpuMicrosPerCall: number
  /** the main thread's while the calls came (before the shadow caught up): what the answers' latency sees */
  mainLoadCpuMicrosPerCall: number
  /** of which the shadow's (its thread at nice 19, or its child process; 0 without a shadow) */
  shadowCpuMicrosPerCall: number
  /** of which the rest: the server's threads other than the main and the shadow's (V8's GC and compiler threads, libuv's pool) */
  otherCpuMicrosPerCall: number
  /** PostgreSQL: the CPU of the run database's backends (the server's connections, and a shadow's own), a call */
  pgCpuMicrosPerCall: number
  /** of which the shadow process's own connection's backend (its kept rows' inserts) */
  pgShadowCpuMicrosPerCall: number
  /** what the shadow said at the end of the run: the rules it ran itself, calls it screened, dropped, and still had waiting */
  rulesEvaluated?: number
  processed?: number
  dropped?: number
  queued?: number
  /** as the measured calls ended: calls the shadow held (waiting, or sent and not answered), the oldest's wait; then how long until it had screened them all */
  queuedAtEnd?: number
  lagMsAtEnd?: number
  catchUpMs?: number
  /** load average (1 min) before and after the run */
  loadBefore: number
  load: number
}

/** a thread's (or with the process's id, the whole process's) CPU seconds and nice value, from its stat line */
function stat(path: string): { cpu: number; nice: number } {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ')
  return { cpu: (Number(fields[11]) + Number(fields[12])) / TICKS, nice: Number(fields[16]) }
}

/** the pids whose parent is `pid` (a shadow's child process) */
function children(pid: number): number[] {
  const out: number[] = []
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
    } catch {}
  }
  return out
}

/**
 * the server's CPU seconds so far: the process's (every thread, and its child processes), the main thread's, the
 * shadow's (threads at nice 19, and child processes)
 */
function cpuSeconds(pid: number): { process: number; main: number; shadow: number } {
  let shadow = 0
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const t = stat(`/proc/${pid}/task/${tid}/stat`)
      if (t.nice === 19) shadow += t.cpu
    } catch {}
  }
  let child = 0
  for (const c of children(pid)) {
    try {
      child += stat(`/proc/${c}/stat`).cpu
    } catch {}
  }
  return { process: stat(`/proc/${pid}/stat`).cpu + child, main: stat(`/proc/${pid}/task/${pid}/stat`).cpu, shadow: shadow + child }
}

/** CPU seconds of each PostgreSQL backend connected to `database` (their process titles name it), by pid */
function pgBackends(database: string): Map<number, number> {
  const out = new Map<number, number>()
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8')
      // schedstat: nanoseconds on the CPU (a backend's few milliseconds are below /proc/PID/stat's 10 ms ticks)
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${database} `)) out.set(Number(p), Number(readFileSync(`/proc/${p}/schedstat`, 'utf8').split(' ')[0]) / 1e9)
    } catch {}
  }
  return out
}

/** the pids of the backends connected to the database with this application_name */
async function backendsNamed(databaseUrl: string, name: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and application_name = $1', [name])
    return rows.map((r) => r.pid)
  } finally {
    await client.end()
  }
}

/** CPU the backends used between two readings (a backend that started meanwhile counts from 0) */
function pgSeconds(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0
  for (const [pid, cpu] of after) s += cpu - (before.get(pid) ?? 0)
  return s
}

async function run(candidate: CandidateName | undefined, round: number, rate: number, seconds: number): Promise<ShadowRun> {
  const withShadow = candidate !== undefined
  const loadBefore = loadavg()[0]!
  const databaseUrl = await freshDatabase('txscreen_shadow_bench')
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), DATABASE_URL: databaseUrl, TXSCREEN_REALTIME_STATE: 'memory' }
  const makeKey = async (role: string) => {
    const created = await promisify(execFile)('node', [join(ROOT, 'bin/txscreen.js'), 'keys', 'create', '--role', role, '--name', `shadow-bench-${role}`], { cwd: ROOT, env })
    return /txs_[0-9a-f]+_[0-9a-f]+/.exec(created.stdout + created.stderr)![0]
  }
  const key = await makeKey('screen')
  const analyst = await makeKey('analyst')
  const server = spawn('node', ['--import', 'tsx', join(ROOT, 'src/adapters/node/server.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore'] })
  // a server that exits early (e.g. its port is taken) ends the bench with that, rather than measure nothing
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve))
  let running = true
  void exited.then(() => (running = false))
  const base = `http://127.0.0.1:${PORT}`
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' } }).then(async (r) => ({ status: r.status, body: await r.json() }))
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/ready`).then((r) => r.ok, () => false)) || i > 240) break
      if (!running) throw new Error(`the server exited before it was ready (port ${PORT} taken? try --port)`)
      await new Promise((r) => setTimeout(r, 250))
    }
    let version: string | undefined
    if (withShadow) {
      const published = await call('/v1/rulesets', { method: 'POST', body: JSON.stringify({ files: await candidateFiles(candidate!), activate: false }) })
      version = published.body.version as string
      const started = await call(`/v1/rulesets/${encodeURIComponent(version)}/shadow`, { method: 'POST' })
      if (started.status !== 201) throw new Error(`shadow did not start: ${JSON.stringify(started.body)}`)
    }
    const s = readScenarios()
    const body = screenBodies(s, `shadow-${withShadow}-${round}-${Date.now().toString(36)}`)
    const common = { url: `${base}/v1/screen`, key, contentType: 'application/json', maxConnections: 64, rate, body }
    // the shadow's work runs after the answers (at the lowest priority, so on a busy machine well after): wait
    // until it has screened every call, up to two minutes, after the warm-up (its thread compiled and its code
    // optimised before the measured part) and after the measured calls (so their CPU is counted)
    let shadow: { status: string; processed: number; dropped: number; queued: number; lagMs: number; rulesEvaluated: number; rulesReused: number } | undefined
    const caughtUp = async () => {
      for (let i = 0; version && i < 1200; i++) {
        shadow = (await call(`/v1/rulesets/${encodeURIComponent(version)}/shadow`)).body
        if (shadow!.status === 'running' && shadow!.queued === 0) break
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    await driveOpenLoop({ ...common, seconds: 5 })
    await caughtUp()
    const database = databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1)
    const pgBefore = pgBackends(database)
    const before = cpuSeconds(server.pid!)
    const f = await driveOpenLoop({ ...common, seconds })
    // the shadow holds its calls while the server is busy: its lag as the load ends, and how long it takes to catch up
    const atEnd = version ? ((await call(`/v1/rulesets/${encodeURIComponent(version)}/shadow`)).body as typeof shadow) : undefined
    const endedAt = performance.now()
    const loadEnd = cpuSeconds(server.pid!)
    await caughtUp()
    const catchUpMs = performance.now() - endedAt
    const after = cpuSeconds(server.pid!)
    const pgAfter = pgBackends(database)
    const shadowBackends = withShadow ? await backendsNamed(databaseUrl, SHADOW_APPLICATION_NAME) : []
    const perCall = (s: number) => (s * 1e6) / f.requests

    if (f.errors > 0) console.log(`  statuses: ${JSON.stringify(f.statuses)}`)
    const result: ShadowRun = {
      shadow: withShadow,
      calls: f.requests,
      errors: f.errors,
      p50: f.p50,
      p95: f.p95,
      p99: f.p99,
      cpuMicrosPerCall: perCall(after.process - before.process),
      mainCpuMicrosPerCall: perCall(after.main - before.main),
      mainLoadCpuMicrosPerCall: perCall(loadEnd.main - before.main),
      shadowCpuMicrosPerCall: perCall(after.shadow - before.shadow),
      otherCpuMicrosPerCall: perCall(after.process - before.process - (after.main - before.main) - (after.shadow - before.shadow)),
      pgCpuMicrosPerCall: perCall(pgSeconds(pgBefore, pgAfter)),
      pgShadowCpuMicrosPerCall: perCall(pgSeconds(pgBefore, new Map(shadowBackends.filter((pid) => pgAfter.has(pid)).map((pid) => [pid, pgAfter.get(pid)!])))),
      ...(shadow && { rulesEvaluated: shadow.rulesEvaluated, processed: shadow.processed, dropped: shadow.dropped, queued: shadow.queued }),
      ...(atEnd && { queuedAtEnd: atEnd.queued, lagMsAtEnd: atEnd.lagMs, catchUpMs }),
      loadBefore,
      load: loadavg()[0]!,
    }
    console.log(
      `${withShadow ? 'shadow   ' : 'no shadow'} round ${round}: ${f.requests} calls (${(f.requests / seconds).toFixed(0)}/s, ${f.errors} errors), p50 ${f.p50.toFixed(1)} / p95 ${f.p95.toFixed(1)} / p99 ${f.p99.toFixed(1)} ms; ` +
        `server CPU a call ${result.cpuMicrosPerCall.toFixed(0)} µs (main thread ${result.mainCpuMicrosPerCall.toFixed(0)}, of which while the calls came ${result.mainLoadCpuMicrosPerCall.toFixed(0)}, shadow ${result.shadowCpuMicrosPerCall.toFixed(0)}, other threads ${result.otherCpuMicrosPerCall.toFixed(0)}), PostgreSQL backends ${result.pgCpuMicrosPerCall.toFixed(0)} µs${withShadow ? ` (the shadow's connection ${result.pgShadowCpuMicrosPerCall.toFixed(0)})` : ''}` +
        `${shadow ? `; shadow ${candidate} (${shadow.rulesEvaluated} rules run, ${shadow.rulesReused} reused) processed ${shadow.processed}, dropped ${shadow.dropped}${shadow.queued > 0 ? `, STILL QUEUED ${shadow.queued}` : ''}` : ''}` +
        `${atEnd ? `; as the load ended ${atEnd.queued} calls held, the oldest ${(atEnd.lagMs / 1000).toFixed(1)} s, caught up ${(catchUpMs / 1000).toFixed(1)} s later` : ''}; load ${loadBefore.toFixed(1)} -> ${result.load.toFixed(1)}`,
    )
    return result
  } finally {
    server.kill('SIGTERM')
    await exited
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!

/** Alternating rounds without and with a shadow; the medians and their ratio. */
export async function measureShadow(opts: { rounds: number; rate: number; seconds: number; candidate?: CandidateName }) {
  const runs: ShadowRun[] = []
  for (let round = 1; round <= opts.rounds; round++) {
    runs.push(await run(undefined, round, opts.rate, opts.seconds))
    runs.push(await run(opts.candidate ?? 'tuned', round, opts.rate, opts.seconds))
  }
  const side = (shadow: boolean) => runs.filter((r) => r.shadow === shadow)
  const p95 = { without: median(side(false).map((r) => r.p95)), with: median(side(true).map((r) => r.p95)) }
  const cpu = { without: median(side(false).map((r) => r.cpuMicrosPerCall)), with: median(side(true).map((r) => r.cpuMicrosPerCall)) }
  const mainCpu = { without: median(side(false).map((r) => r.mainCpuMicrosPerCall)), with: median(side(true).map((r) => r.mainCpuMicrosPerCall)) }
  const mainLoadCpu = { without: median(side(false).map((r) => r.mainLoadCpuMicrosPerCall)), with: median(side(true).map((r) => r.mainLoadCpuMicrosPerCall)) }
  const shadowCpu = median(side(true).map((r) => r.shadowCpuMicrosPerCall))
  const otherCpu = { without: median(side(false).map((r) => r.otherCpuMicrosPerCall)), with: median(side(true).map((r) => r.otherCpuMicrosPerCall)) }
  const pgCpu = { without: median(side(false).map((r) => r.pgCpuMicrosPerCall)), with: median(side(true).map((r) => r.pgCpuMicrosPerCall)), shadowConnection: median(side(true).map((r) => r.pgShadowCpuMicrosPerCall)) }
  const held = { queuedAtEnd: median(side(true).map((r) => r.queuedAtEnd ?? 0)), lagMsAtEnd: median(side(true).map((r) => r.lagMsAtEnd ?? 0)), catchUpMs: median(side(true).map((r) => r.catchUpMs ?? 0)) }
  return { runs, p95, cpu, mainCpu, mainLoadCpu, shadowCpu, otherCpu, pgCpu, held, p95Ratio: p95.with / p95.without, extraCpuMicros: cpu.with - cpu.without, extraMainCpuMicros: mainCpu.with - mainCpu.without }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: String(PORT) }, candidate: { type: 'string', default: 'tuned' }, rounds: { type: 'string', default: '3' }, rate: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '20' }, json: { type: 'string' } },
  })
  PORT = Number(values.port)
  const candidate = values.candidate as CandidateName
  if (!CANDIDATES.includes(candidate)) throw new Error(`--candidate: one of ${CANDIDATES.join(', ')}`)
  console.log(`candidate: ${candidate} (bench/shadow-candidates.ts), beside the default pack`)
  const loadBefore = loadavg()[0]!
  const m = await measureShadow({ rounds: Number(values.rounds), rate: Number(values.rate), seconds: Number(values.seconds), candidate })
  const signed = (x: number, unit: string) => `${x >= 0 ? '+' : ''}${x.toFixed(unit === '%' ? 1 : 0)}${unit === '%' ? ' %' : ` ${unit}`}`
  console.log(`median p95: without ${m.p95.without.toFixed(1)} ms, with ${m.p95.with.toFixed(1)} ms (${signed((m.p95Ratio - 1) * 100, '%')}; target at most +10 %)`)
  console.log(
    `median server CPU a call: without ${m.cpu.without.toFixed(0)} µs, with ${m.cpu.with.toFixed(0)} µs (${signed(m.extraCpuMicros, 'µs')}); ` +
      `main thread ${m.mainCpu.without.toFixed(0)} -> ${m.mainCpu.with.toFixed(0)} µs (${signed(m.extraMainCpuMicros, 'µs')}; while the calls came ${m.mainLoadCpu.without.toFixed(0)} -> ${m.mainLoadCpu.with.toFixed(0)} µs); shadow thread ${m.shadowCpu.toFixed(0)} µs`,
  )
  console.log(
    `median normal-priority CPU a call beside: the server's other threads ${m.otherCpu.without.toFixed(0)} -> ${m.otherCpu.with.toFixed(0)} µs (${signed(m.otherCpu.with - m.otherCpu.without, 'µs')}); ` +
      `PostgreSQL backends ${m.pgCpu.without.toFixed(0)} -> ${m.pgCpu.with.toFixed(0)} µs (${signed(m.pgCpu.with - m.pgCpu.without, 'µs')}; the shadow's connection ${m.pgCpu.shadowConnection.toFixed(0)} µs)`,
  )
  console.log(`median shadow lag as the load ended: ${m.held.queuedAtEnd} calls held, the oldest ${(m.held.lagMsAtEnd / 1000).toFixed(1)} s; caught up ${(m.held.catchUpMs / 1000).toFixed(1)} s later`)
  console.log(`load average ${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)} (the target needs the calls answered at about the rate asked: see the calls a second above)`)
  if (values.json) writeFileSync(values.json, JSON.stringify(m, null, 2))
}
