// Partitioned screening over NATS JetStream with 1, 2, 3... local worker processes (docs/scale-out.md):
// wall time and throughput as a ratio to one worker, CPU seconds of the whole run (router and workers), and
// the messages and bytes per transfer the router counted. Runs alternate (1, 2, 3, 1, 2, 3...) so that the
// machine's other load falls on every count alike; the load average is printed with each run.
//   npx tsx bench/nats-scale.ts [--records N] [--partitions P] [--workers 1,2,3] [--rounds R] [--nats URL]
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { promisify } from 'node:util'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    partitions: { type: 'string', default: '4' },
    workers: { type: 'string', default: '1,2,3' },
    rounds: { type: 'string', default: '2' },
    nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
  },
})
const ROOT = join(import.meta.dirname, '..')
const input = `/tmp/txscreen-bench-nats-${values.records}.ndjson`
const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').filter(Boolean)
writeFileSync(input, lines.slice(0, Number(values.records)).join('\n') + '\n')
const run = promisify(execFile)

interface Result { wall: number; cpu: number; traffic: string; load: string }
const results = new Map<number, Result[]>()
for (let round = 0; round < Number(values.rounds); round++) {
  for (const w of values.workers.split(',').map(Number)) {
    const load = loadavg().map((l) => l.toFixed(1)).join(' ')
    const { stderr } = await run(
      '/usr/bin/time',
      ['-f', 'TIME %e %U %S', 'node', join(ROOT, 'bin/txscreen.js'), 'batch', input, '--nats', values.nats, '--partitions', values.partitions,
        '--local-workers', String(w), '--out', '/dev/null'],
      { cwd: ROOT, maxBuffer: 1 << 24 },
    )
    const [wall, user, sys] = stderr.match(/TIME (\S+) (\S+) (\S+)/)!.slice(1).map(Number) as [number, number, number]
    const traffic = stderr.split('\n').find((l) => l.startsWith('nats:')) ?? ''
    const r = { wall, cpu: user + sys, traffic, load }
    results.set(w, [...(results.get(w) ?? []), r])
    console.log(`workers ${w}: ${wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU, load ${load}; ${traffic}`)
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const base = mean(results.get(Number(values.workers.split(',')[0]))!.map((r) => r.wall))
console.log(`\n${values.records} records, P = ${values.partitions}`)
for (const [w, rs] of results) {
  const wall = mean(rs.map((r) => r.wall))
  console.log(`workers ${w}: ${(Number(values.records) / wall).toFixed(0)} records/s, throughput ${(base / wall).toFixed(2)}x, ${(mean(rs.map((r) => r.cpu)) * 1e6 / Number(values.records)).toFixed(0)} µs CPU/transfer`)
}
