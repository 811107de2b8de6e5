// Issue 21's real-time CPU target in alternating pairs: this checkout's service and the floor (bench/http-floor.ts)
// at one offered rate on the same traffic, one after the other, and the ratio of their CPU a call in each pair.
// `npm run bench` measures the two once each, minutes apart; pairs taken back to back keep a loaded machine's
// drift out of the ratio, and their spread shows how far one ratio can be trusted.
//   npx tsx bench/floor-ratio.ts [--rate 3000] [--seconds 20] [--rounds 3] [--traffic FILE] [--port 18793] [--floor-port 8791] [--database txscreen_ratio]
// Without --traffic: the generated traffic of `npm run bench` (scenarios.json "generated", made once into the
// bench cache). Each side's figure is its server process's CPU over the measured run divided by the calls made,
// as `npm run bench` reads it; a side that drops or fails many calls says so beside its figure.
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { runScreen } from '../load/lib/run-scenario.ts'
import { readScenarios, type Traffic } from '../load/lib/scenarios.ts'
import { freshDatabase, startService } from '../load/lib/service.ts'
import { generatedRecords } from './data.ts'
import { measureFloor } from './http-floor.ts'

const { values } = parseArgs({
  options: {
    rate: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    traffic: { type: 'string' },
    port: { type: 'string', default: '18793' },
    'floor-port': { type: 'string', default: '8791' },
    database: { type: 'string', default: 'txscreen_ratio' },
  },
})
const scenarios = readScenarios()
const rate = Number(values.rate ?? scenarios.screen.rate)
const seconds = Number(values.seconds)
const g = scenarios.generated
const traffic: Traffic = { kind: 'generated', file: values.traffic ?? (await generatedRecords(g.seed, g.records, g.accounts)) }

const ratios: number[] = []
for (let round = 1; round <= Number(values.rounds); round++) {
  const floor = await measureFloor({ rate, seconds, traffic, port: Number(values['floor-port']) })
  const service = await startService({ port: Number(values.port), databaseUrl: await freshDatabase(values.database!) })
  if ('skipped' in service) throw new Error(`the service cannot run: ${service.skipped}`)
  let f
  try {
    f = await runScreen(service, scenarios, `ratio-${round}-${Date.now().toString(36)}`, { seconds, rate }, traffic)
  } finally {
    await service.stop()
  }
  if (f.serverCpuMicros === undefined) throw new Error('no server CPU figure (Linux /proc is needed)')
  const ratio = f.serverCpuMicros / floor.cpuMicros
  ratios.push(ratio)
  const made = (x: { requests: number; dropped?: number; p99: number }) => `${x.requests} made, ${x.dropped ?? 0} dropped, p99 ${x.p99.toFixed(0)} ms`
  console.log(
    `round ${round}: floor ${floor.cpuMicros.toFixed(0)} µs a call (${made(floor)}); service ${f.serverCpuMicros.toFixed(0)} µs a call (${made(f)}, ${f.errors} errors); ratio ${ratio.toFixed(2)}; load ${loadavg()[0]!.toFixed(1)}`,
  )
}
const sorted = [...ratios].sort((a, b) => a - b)
console.log(`${rate}/s offered, ${seconds} s a side: ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} (issue 21: at most 2)`)
