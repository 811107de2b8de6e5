// What keeping the real-time history for backtests (TXSCREEN_HISTORY_RETENTION_DAYS > 0) adds to a group-commit
// flush: appendEntityEvents with each call's entity events and verdict row, with and without the history row,
// alternating runs on one PostgreSQL schema of its own; also the bytes a kept record takes on disk.
//   npx tsx bench/history-write.ts [--url postgres://...] [--calls-per-flush 20] [--flushes 300] [--runs 6]
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

async function run(history: boolean): Promise<number> {
  const started = performance.now()
  for (let f = 0; f < flushes; f++) {
    const calls = Array.from({ length: perFlush }, () => call(history))
    await appendEntityEvents(store.db, calls.map((c) => c.event), calls.map((c) => c.row))
  }
  return ((performance.now() - started) * 1000) / (flushes * perFlush)
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
await run(true) // warm the connection, the plan and the tables
const off: number[] = []
const on: number[] = []
for (let r = 0; r < runs; r++) {
  off.push(await run(false))
  on.push(await run(true))
}
const { rows } = await sql<{ bytes: string; n: string }>`select pg_total_relation_size('screened_records') as bytes, count(*) as n from screened_records`.execute(store.db)
await store.close()
await admin.query(`drop schema ${schema} cascade`)
await admin.end()
const a = median(off)
const b = median(on)
console.log(`${perFlush} calls a flush, ${flushes} flushes a run, ${runs} alternating runs each (median): without history ${a.toFixed(1)} us a call, with history ${b.toFixed(1)} us a call (${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)} us, ${(((b - a) / a) * 100).toFixed(1)} %)`)
console.log(`runs without: ${off.map((x) => x.toFixed(1)).join(' ')}; with: ${on.map((x) => x.toFixed(1)).join(' ')}`)
console.log(`screened_records: ${Number(rows[0]!.n).toLocaleString('en-US')} rows, ${(Number(rows[0]!.bytes) / Number(rows[0]!.n)).toFixed(0)} bytes a row with its indexes`)
