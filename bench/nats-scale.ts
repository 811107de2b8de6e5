// Partitioned screening over NATS JetStream with 1, 2, 3... worker processes (docs/scale-out.md). For each
// count the workers are started first and left to register, then `txscreen batch --nats` runs; reported: the
// batch's screening time (its summary's elapsed, without process start-up) and throughput as a ratio to the
// first count, CPU seconds of the router process and of the workers (from /proc), and the messages and bytes
// per transfer the router counted. Counts alternate (1, 2, 3, 1, 2, 3...) so the machine's other load falls on
// each alike; the load average is printed with each run.
// --input FILE screens the first --records lines of FILE (e.g. `txscreen generate --seed 42 --records 50000`)
// instead of the 20,000-record fixture.
//   npx tsx bench/nats-scale.ts [--input FILE] [--records N] [--partitions P] [--workers 1,2,3] [--rounds R] [--nats URL]
import { execFile, spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    records: { type: 'string', default: '20000' },
    partitions: { type: 'string', default: '4' },
    workers: { type: 'string', default: '1,2,3' },
    rounds: { type: 'string', default: '2' },
    nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
  },
})
const ROOT = join(import.meta.dirname, '..')
const CLI = join(ROOT, 'bin/txscreen.js')
const records = Number(values.records)
const input = `/tmp/txscreen-bench-nats-${records}.ndjson`
const lines = readFileSync(values.input ?? join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').filter(Boolean)
if (lines.length < records) throw new Error(`the input has ${lines.length} records, fewer than --records ${records}`)
writeFileSync(input, lines.slice(0, records).join('\n') + '\n')
const run = promisify(execFile)
const TICK = 100 // clock ticks per second on Linux

/** user + system CPU seconds of a live process */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICK
}

interface Result { seconds: number; routerCpu: number; workerCpu: number; traffic: string; load: string }
const results = new Map<number, Result[]>()
for (let round = 0; round < Number(values.rounds); round++) {
  for (const w of values.workers.split(',').map(Number)) {
    const workers = Array.from({ length: w }, () => spawn('node', [CLI, 'worker', '--nats', values.nats], { stdio: ['ignore', 'ignore', 'pipe'] }))
    // each says "ready" once registered
    await Promise.all(workers.map((c) => new Promise<void>((resolve) => c.stderr!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()))))
    const before = workers.map((c) => cpuOf(c.pid!))
    const load = loadavg().map((l) => l.toFixed(1)).join(' ')
    const summary = `/tmp/txscreen-bench-nats-summary.json`
    const { stderr } = await run('/usr/bin/time', ['-f', 'TIME %U %S', 'node', CLI, 'batch', input, '--nats', values.nats,
      '--partitions', values.partitions, '--out', '/dev/null', '--summary-json', summary], { cwd: ROOT, maxBuffer: 1 << 24 })
    const workerCpu = workers.reduce((sum, c, i) => sum + cpuOf(c.pid!) - before[i]!, 0)
    for (const c of workers) c.kill('SIGTERM')
    const [user, sys] = stderr.match(/TIME (\S+) (\S+)/)!.slice(1).map(Number) as [number, number]
    const seconds = (JSON.parse(readFileSync(summary, 'utf8')) as { elapsedSeconds: number }).elapsedSeconds
    const traffic = stderr.split('\n').find((l) => l.startsWith('nats:')) ?? ''
    const r = { seconds, routerCpu: user + sys, workerCpu, traffic, load }
    results.set(w, [...(results.get(w) ?? []), r])
    console.log(`workers ${w}: ${seconds.toFixed(1)} s screening, CPU router ${r.routerCpu.toFixed(1)} s + workers ${workerCpu.toFixed(1)} s, load ${load}; ${traffic}`)
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const base = mean(results.get(Number(values.workers.split(',')[0]))!.map((r) => r.seconds))
console.log(`\n${records} records, P = ${values.partitions}, load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
for (const [w, rs] of results) {
  const seconds = mean(rs.map((r) => r.seconds))
  const us = (cpu: number) => ((cpu * 1e6) / records).toFixed(0)
  console.log(`workers ${w}: ${(records / seconds).toFixed(0)} records/s, throughput ${(base / seconds).toFixed(2)}x one worker, ` +
    `CPU per transfer: router ${us(mean(rs.map((r) => r.routerCpu)))} µs, workers ${us(mean(rs.map((r) => r.workerCpu)))} µs`)
}
