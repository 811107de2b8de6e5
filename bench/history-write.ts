// What keeping the real-time history for backtests (TXSCREEN_HISTORY_RETENTION_DAYS > 0) adds to a group-commit
// flush: appendEntityEvents with each call's entity events and verdict row, with and without the history row,
// alternating runs on one PostgreSQL schema of its own: the server's CPU per call (its backend process's user and
// system time from /proc, so the database must run on this machine; other load does not count in it), the wall
// time per call (noisy on a shared machine), and the bytes a kept record takes on disk.
//   npx tsx bench/history-write.ts [--url postgres://...] [--calls-per-flush 20] [--flushes 300] [--runs 6]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { sql } from 'kysely'
import { openDatabase } from '../src/adapters/node/open-database.ts'
import { appendEntityEvents, type EntityEvent } from '../src/store/realtime-store.ts'
import { toVerdictRow } from '../src/service/verdict-rows.ts'

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.TXSCREEN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test' },
    'calls-per-flush': { type: 'string', default: '20' },
    flushes: { type: 'string', default: '300' },
    runs: { type: 'string', default: '6' },
  },
})
const perFlush = Number(values['calls-per-flush'])
const flushes = Number(values.flushes)
const runs = Number(values.runs)

const schema = `bench_history_${process.pid}`
const admin = new pg.Client({ connectionString: values.url })
await admin.connect()
await admin.query(`create schema ${schema}`)
const u = new URL(values.url)
u.searchParams.set('options', `-c search_path=${schema}`)
const store = await openDatabase({ kind: 'pg', url: u.toString(), poolSize: 1 })

let n = 0
function call(history: boolean) {
  const i = n++
  const record = {
    id: `h-${i}`, timestamp: new Date(Date.parse('2026-03-01T00:00:00Z') + i * 1000).toISOString(), amount: '2910.00', currency: 'USD',
    channel: 'money_transfer', sender: { id: `ACC-${i % 5000}`, country: 'GB' }, receiver: { id: `BEN-${i % 7000}`, country: 'IQ' }, reference: 'crossing',
  }
  const keys = [`id:${record.sender.id}`, `id:${record.receiver.id}`]
  const event: EntityEvent = { keys, eventId: record.id, occurredAt: record.timestamp, record: JSON.stringify(record) }
  if (history) event.tenant = 'default'
  const verdict = { id: record.id, score: 0, decision: 'clear' as const, hits: [], ruleset: 'bench@1' }
  const row = { ...toVerdictRow(verdict, { batchId: null, seq: null, line: null, ruleset: 'bench@1', tenant: 'default', keyId: null }, record as never, keys), outputJson: JSON.stringify(verdict) }
  return { event, row }
}

// the one connection's server process (the pool holds one)
const { rows: pidRows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)
const backend = pidRows[0]!.pid
const TICK_US = 10_000 // USER_HZ 100
function backendCpuUs(): number {
  const fields = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK_US
}

async function run(history: boolean): Promise<{ wall: number; cpu: number }> {
  const started = performance.now()
  const cpu = backendCpuUs()
  for (let f = 0; f < flushes; f++) {
    const calls = Array.from({ length: perFlush }, () => call(history))
    await appendEntityEvents(store.db, calls.map((c) => c.event), calls.map((c) => c.row))
  }
  const perCall = flushes * perFlush
  return { wall: ((performance.now() - started) * 1000) / perCall, cpu: (backendCpuUs() - cpu) / perCall }
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
await run(true) // warm the connection, the plan and the tables
const off: { wall: number; cpu: number }[] = []
const on: { wall: number; cpu: number }[] = []
for (let r = 0; r < runs; r++) {
  off.push(await run(false))
  on.push(await run(true))
}
const { rows } = await sql<{ bytes: string; n: string }>`select pg_total_relation_size('screened_records') as bytes, count(*) as n from screened_records`.execute(store.db)
await store.close()
await admin.query(`drop schema ${schema} cascade`)
await admin.end()
const line = (what: string, key: 'wall' | 'cpu') => {
  const a = median(off.map((r) => r[key]))
  const b = median(on.map((r) => r[key]))
  return `${what}: without history ${a.toFixed(1)} us a call, with ${b.toFixed(1)} us (${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)} us, ${(((b - a) / a) * 100).toFixed(1)} %); runs without ${off.map((r) => r[key].toFixed(0)).join(' ')}, with ${on.map((r) => r[key].toFixed(0)).join(' ')}`
}
console.log(`${perFlush} calls a flush, ${flushes} flushes a run, ${runs} alternating runs each, medians:`)
console.log(line('PostgreSQL backend CPU', 'cpu'))
console.log(line('wall time', 'wall'))
console.log(`screened_records: ${Number(rows[0]!.n).toLocaleString('en-US')} rows, ${(Number(rows[0]!.bytes) / Number(rows[0]!.n)).toFixed(0)} bytes a row with its indexes`)
