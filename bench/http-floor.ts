// What this machine's loopback HTTP and PostgreSQL persistence cost with nothing screened: the floor under the
// real-time target (bench/measure-http.ts measures the service itself). Not part of `npm run bench`.
//   npx tsx bench/http-floor.ts [--rate 3000] [--seconds 20] [--store none|postgres]
// The server is node:http with no framework, no validation and no screening: it parses the JSON body and, with
// --store postgres, writes one row per call through one multi-row INSERT per flush (group commit, as the
// service's GroupWriter does), answering once its row is committed. The same open-loop driver as `npm run load`.
import { fork, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { driveOpenLoop } from '../load/lib/open-loop.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { freshDatabase } from '../load/lib/service.ts'

const PORT = 8791

async function serve(store: string, databaseUrl: string | undefined): Promise<void> {
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
  server.listen(PORT, '127.0.0.1', () => process.send?.('ready'))
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '3000' }, seconds: { type: 'string', default: '20' }, store: { type: 'string', default: 'postgres' }, serve: { type: 'string' }, db: { type: 'string' } } })
  if (values.serve) return serve(values.serve, values.db)
  const store = values.store!
  const db = store === 'postgres' ? await freshDatabase('txscreen_floor') : undefined
  const child: ChildProcess = fork(new URL(import.meta.url).pathname, ['--serve', store, ...(db ? ['--db', db] : [])], { execArgv: ['--import', 'tsx'] })
  await new Promise<void>((resolve) => child.once('message', () => resolve()))
  const scenarios = readScenarios()
  const rate = Number(values.rate)
  const common = { url: `http://127.0.0.1:${PORT}/`, key: 'floor', contentType: 'application/json', maxConnections: scenarios.screen.connections * 4, rate, body: screenBodies(scenarios, `floor-${Date.now()}`) }
  await driveOpenLoop({ ...common, seconds: 3 })
  const cpuBefore = childCpu(child.pid!)
  const t0 = performance.now()
  const f = await driveOpenLoop({ ...common, seconds: Number(values.seconds) })
  const serverCpu = (childCpu(child.pid!) - cpuBefore) / ((performance.now() - t0) / 1000)
  child.kill()
  console.log(`floor (${store}): offered ${rate}/s, completed ${f.perSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, dropped ${f.dropped ?? 0}; server process ${(100 * serverCpu).toFixed(0)}% of a core`)
}

/** CPU seconds a process has used (Linux /proc; 0 elsewhere). */
function childCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

await main()
