// What the load driver itself costs: `driveOpenLoop` against a server (its own child process) that answers
// every call at once, so the figures are the driver's: its CPU share of a core and the latencies it sees.
// On this 2-core machine the driver shares the cores with the server under test.
//   npx tsx bench/load-driver.ts [--rate 3000] [--seconds 10]
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { driveOpenLoop } from '../load/lib/open-loop.ts'

if (process.argv[2] === '--serve') {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"decision":"clear"}'))
  })
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port))
} else {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '3000' }, seconds: { type: 'string', default: '10' } } })
  const child = fork(new URL(import.meta.url).pathname, ['--serve'], { execArgv: ['--import', 'tsx'] })
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)))
  // a body the size of a generated record
  const body = JSON.stringify({ id: 't1', timestamp: '2026-03-01T10:00:00Z', amount: '12.00', currency: 'EUR', sender: { id: 'a' }, receiver: { id: 'b' }, reference: 'x'.repeat(400) })
  const cpu = process.cpuUsage()
  const f = await driveOpenLoop({ url: `http://127.0.0.1:${port}/v1/screen`, key: 'k', contentType: 'application/json', rate: Number(values.rate), seconds: Number(values.seconds), maxConnections: 64, body: () => body })
  const used = process.cpuUsage(cpu)
  const share = (used.user + used.system) / 1e6 / f.seconds
  console.log(`${f.requests} calls at ${values.rate}/s offered: driver ${(100 * share).toFixed(0)} % of a core (${((share * 1e6) / f.perSecond).toFixed(0)} µs a call), p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, ${f.errors} errors, ${f.dropped} dropped`)
  child.kill()
}
