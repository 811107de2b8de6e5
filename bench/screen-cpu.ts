// Server CPU per POST /v1/screen call, for two checkouts in alternating runs (what logging and metrics cost on
// the real-time path). Each run starts `npm start`'s server from a checkout on a fresh PostgreSQL database,
// warms up, then sends calls at a fixed arrival rate and reads the server's CPU time (user + system, Linux
// /proc) over the measured part.
//   npx tsx bench/screen-cpu.ts --a DIR --b DIR [--rounds 4] [--rate 1000] [--seconds 20]
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { promisify } from 'node:util'
import { driveOpenLoop } from '../load/lib/open-loop.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { freshDatabase } from '../load/lib/service.ts'

const { values } = parseArgs({
  options: { a: { type: 'string' }, b: { type: 'string' }, rounds: { type: 'string', default: '4' }, rate: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '20' } },
})
const PORT = 18795
const TICKS = 100 // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS
}

async function run(root: string, label: string, round: number): Promise<number> {
  const databaseUrl = await freshDatabase('txscreen_cpu_bench')
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), DATABASE_URL: databaseUrl }
  const created = await promisify(execFile)('node', [join(root, 'bin/txscreen.js'), 'keys', 'create', '--role', 'screen', '--name', 'cpu'], { cwd: root, env })
  const key = /txs_[0-9a-f]+_[0-9a-f]+/.exec(created.stdout + created.stderr)![0]
  const server = spawn('node', ['--import', 'tsx', join(root, 'src/adapters/node/server.ts')], { cwd: root, env, stdio: ['ignore', 'ignore', 'ignore'] })
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`http://127.0.0.1:${PORT}/ready`).then((r) => r.ok, () => false)) || i > 240) break
      await new Promise((r) => setTimeout(r, 250))
    }
    const s = readScenarios()
    const rate = Number(values.rate)
    const seconds = Number(values.seconds)
    const body = screenBodies(s, `${label}-${round}`)
    const common = { url: `http://127.0.0.1:${PORT}/v1/screen`, key, contentType: 'application/json', maxConnections: 64, rate, body }
    await driveOpenLoop({ ...common, seconds: 5 })
    const before = cpuSeconds(server.pid!)
    const figures = await driveOpenLoop({ ...common, seconds })
    const used = cpuSeconds(server.pid!) - before
    const ok = figures.requests - figures.errors
    const perCall = (used * 1e6) / figures.requests
    console.log(`${label} round ${round}: ${figures.requests} calls (${ok} ok), server CPU ${used.toFixed(2)} s, ${perCall.toFixed(0)} µs a call, p50 ${figures.p50} ms`)
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
console.log(`median µs a call: a ${ma.toFixed(0)}, b ${mb.toFixed(0)}; b/a ${(mb / ma).toFixed(3)}`)
