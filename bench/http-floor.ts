// What this machine's loopback HTTP and PostgreSQL persistence cost with nothing screened: the floor under the
// real-time target (bench/measure-http.ts measures the service itself). `npm run bench` runs it beside the service
// on the same traffic (issue 21: the service's CPU a call at most twice the floor's).
//   npx tsx bench/http-floor.ts [--rate 3000] [--seconds 20] [--store none|postgres] [--port 8791]
// The server is node:http with no framework, no validation and no screening: it parses the JSON body and, with
// --store postgres, writes one row per call through one multi-row INSERT per flush (group commit, as the
// service's GroupWriter does), answering once its row is committed. The same open-loop driver as `npm run load`.
import { fork, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { driveOpenLoop } from '../load/lib/open-loop.ts'
import type { LoadFigures } from '../load/lib/figures.ts'
import { readScenarios, screenBodies, type Traffic } from '../load/lib/scenarios.ts'
import { freshDatabase, processCpuSeconds } from '../load/lib/service.ts'
import { serverNodeArgs } from '../load/lib/server-command.ts'

// the floor runs on the same node flags as the service's `npm start` (its young generation's size included), so
// the two differ by what the service does, not by how node is set up
const FLOOR_NODE_FLAGS = serverNodeArgs(fileURLToPath(new URL('..', import.meta.url))).slice(0, -1)

async function serve(store: string, databaseUrl: string | undefined, port: number): Promise<void> {
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 4 }) : undefined
  if (pool) await pool.query('create table if not exists floor_events (id bigserial primary key, event_id text not null, record jsonb not null)')
  let queue: { id: string; record: string; done: () => void }[] = []
  let flushing = 0
  const flush = async () => {
    if (queue.length === 0 || flushing >= 2) return
    const batch = queue
    queue = []
    flushing++
    const doc = `[${batch.map((w) => `{"i":${JSON.stringify(w.id)},"r":${w.record}}`).join(',')}]`
    await pool!.query('insert into floor_events (event_id, record) select i, r from jsonb_to_recordset($1::jsonb) as (i text, r jsonb)', [doc])
    flushing--
    for (const w of batch) w.done()
    void flush()
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString()
      const record = JSON.parse(text) as { id: string }
      const answer = () => {
        const body = `{"id":${JSON.stringify(record.id)},"decision":"clear","score":0,"reasons":[]}`
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
        res.end(body)
      }
      if (store === 'none') return answer()
      queue.push({ id: record.id, record: text, done: answer })
      if (flushing === 0) setTimeout(flush, 1)
      else void flush()
    })
  })
  server.listen(port, '127.0.0.1', () => process.send?.('ready'))
}

export interface FloorFigures extends LoadFigures {
  store: string
  rate: number
  /** the floor server's CPU time over the measured run per request made, in µs */
  cpuMicros: number
  /** the floor server's share of one core over the measured run */
  cpuShare: number
}

/** The floor at `rate` calls a second for `seconds` (after 3 s unmeasured), on a fresh database with `store` postgres. */
export async function measureFloor(opts: { rate: number; seconds: number; store?: string; port?: number; traffic?: Traffic }): Promise<FloorFigures> {
  const { rate, seconds, store = 'postgres', port = 8791, traffic } = opts
  const db = store === 'postgres' ? await freshDatabase('txscreen_floor') : undefined
  const child: ChildProcess = fork(new URL(import.meta.url).pathname, ['--serve', store, '--port', String(port), ...(db ? ['--db', db] : [])], { execArgv: FLOOR_NODE_FLAGS })
  try {
    await new Promise<void>((resolve) => child.once('message', () => resolve()))
    const scenarios = readScenarios()
    const warm = 3
    const body = screenBodies(scenarios, `floor-${Date.now()}`, traffic, Math.ceil(rate * (warm + seconds)))
    const common = { url: `http://127.0.0.1:${port}/`, key: 'floor', contentType: 'application/json', maxConnections: scenarios.screen.connections * 4, rate, body }
    await driveOpenLoop({ ...common, seconds: warm })
    const cpuBefore = processCpuSeconds(child.pid) ?? 0
    const t0 = performance.now()
    const f = await driveOpenLoop({ ...common, seconds })
    const cpuSeconds = (processCpuSeconds(child.pid) ?? 0) - cpuBefore
    return { ...f, store, rate, cpuMicros: (cpuSeconds * 1e6) / Math.max(1, f.requests), cpuShare: cpuSeconds / ((performance.now() - t0) / 1000) }
  } finally {
    child.kill()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '3000' }, seconds: { type: 'string', default: '20' }, store: { type: 'string', default: 'postgres' }, serve: { type: 'string' }, db: { type: 'string' }, port: { type: 'string', default: '8791' } } })
  const port = Number(values.port)
  if (values.serve) return serve(values.serve, values.db, port)
  const f = await measureFloor({ rate: Number(values.rate), seconds: Number(values.seconds), store: values.store!, port })
  console.log(`floor (${f.store}): offered ${f.rate}/s, completed ${f.perSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, dropped ${f.dropped ?? 0}; server process ${(100 * f.cpuShare).toFixed(0)}% of a core, ${f.cpuMicros.toFixed(0)} µs a call`)
}

// run as a script (the floor's server is this file too, forked with --serve); imported by bench/run.ts
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
