// What a kept shadow row costs PostgreSQL, by how it is stored: the PostgreSQL backend's CPU a row (its
// /proc/PID/schedstat, nanoseconds) for the shadow's own connection (synchronous_commit off) writing the kept rows
// of the bench's synthetic calls screened by a candidate (bench/shadow-candidates.ts), in statements of --batch rows,
// into a fresh table of each form, alternating the forms round by round; medians. The backend must run on this host.
//   npx tsx bench/shadow-rows.ts [--candidate tuned] [--calls 20000] [--batch 250] [--rounds 5]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { Screener, type TransferRecord } from '../src/core/index.ts'
import { ShadowScreening, sharedHits } from '../src/service/shadow-outcome.ts'
import { readScenarios, screenBodies } from '../load/lib/scenarios.ts'
import { freshDatabase } from '../load/lib/service.ts'
import { compiledCandidate, type CandidateName } from './shadow-candidates.ts'

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '20000' }, batch: { type: 'string', default: '250' }, rounds: { type: 'string', default: '5' }, candidate: { type: 'string', default: 'tuned' } },
})
const candidateName = values.candidate as CandidateName
// the kept rows: what the shadow's process would write for these calls
const { active, candidate, plan, reuse } = await compiledCandidate(candidateName)
const screener = new Screener(active)
const shadow = new ShadowScreening(candidate, plan)
const next = screenBodies(readScenarios(), 'shadow-rows')
type Row = { recordId: string; decision: string; score: number; activeDecision: string; activeScore: number; json: string }
const rows: Row[] = []
for (let i = 0; i < Number(values.calls); i++) {
  const record = JSON.parse(next()) as TransferRecord
  const hits = screener.hits(record)
  const v = screener.verdict(record, hits)
  const o = shadow.outcome(record, v.decision, sharedHits(hits, reuse))
  if (o?.json !== undefined) rows.push({ recordId: record.id, decision: o.decision, score: o.score, activeDecision: v.decision, activeScore: v.score, json: o.json })
}
const bytes = rows.reduce((n, r) => n + r.json.length, 0) / rows.length
console.log(`candidate ${candidateName}: ${rows.length} of ${values.calls} calls kept (${((rows.length / Number(values.calls)) * 100).toFixed(1)} %), the verdict's JSON ${bytes.toFixed(0)} bytes a row on average`)

const COLUMNS = `shadow_id text not null, ruleset text not null, active_ruleset text not null, tenant text not null, key_id text,
  record_id text not null, decision text not null, score integer not null, active_decision text not null, active_score integer not null`
/** the forms compared: the table's DDL (the output column's type and whether the table is logged) */
const FORMS: Record<string, (t: string) => string[]> = {
  'logged, jsonb (main)': (t) => [`create table ${t} (id bigserial primary key, ${COLUMNS}, output jsonb not null, created_at timestamptz not null default now())`, `create index ${t}_run on ${t} (shadow_id, tenant, id)`],
  'logged, text': (t) => [`create table ${t} (id bigserial primary key, ${COLUMNS}, output text not null, created_at timestamptz not null default now())`, `create index ${t}_run on ${t} (shadow_id, tenant, id)`],
  'logged, text, json_to_recordset': (t) => [`create table ${t} (id bigserial primary key, ${COLUMNS}, output text not null, created_at timestamptz not null default now())`, `create index ${t}_run on ${t} (shadow_id, tenant, id)`],
  'unlogged, jsonb': (t) => [`create unlogged table ${t} (id bigserial primary key, ${COLUMNS}, output jsonb not null, created_at timestamptz not null default now())`, `create index ${t}_run on ${t} (shadow_id, tenant, id)`],
  'logged, text, no index': (t) => [`create table ${t} (id bigserial primary key, ${COLUMNS}, output text not null, created_at timestamptz not null default now())`],
  'unlogged, text': (t) => [`create unlogged table ${t} (id bigserial primary key, ${COLUMNS}, output text not null, created_at timestamptz not null default now())`, `create index ${t}_run on ${t} (shadow_id, tenant, id)`],
}

/** the statement as kysely builds it: a VALUES list of 11 parameters a row */
function insertValues(table: string, batch: Row[]): { text: string; values: unknown[] } {
  const values: unknown[] = []
  const tuples = batch.map((r) => {
    const at = values.length
    values.push('shadow-1', 'v2', 'v1', 'default', null, r.recordId, r.decision, r.score, r.activeDecision, r.activeScore, r.json)
    return `(${Array.from({ length: 11 }, (_, i) => `$${at + i + 1}`).join(', ')})`
  })
  return {
    text: `insert into ${table} (shadow_id, ruleset, active_ruleset, tenant, key_id, record_id, decision, score, active_decision, active_score, output) values ${tuples.join(', ')}`,
    values,
  }
}

/** one parameter, the batch as a JSON array, unpacked by PostgreSQL */
function insertRecordset(table: string, batch: Row[]): { text: string; values: unknown[] } {
  const json = JSON.stringify(batch.map((r) => ({ s: 'shadow-1', v: 'v2', a: 'v1', t: 'default', k: null, r: r.recordId, d: r.decision, c: r.score, ad: r.activeDecision, ac: r.activeScore, o: r.json })))
  return {
    text: `insert into ${table} (shadow_id, ruleset, active_ruleset, tenant, key_id, record_id, decision, score, active_decision, active_score, output)
      select s, v, a, t, k, r, d, c, ad, ac, o from json_to_recordset($1::json) as x(s text, v text, a text, t text, k text, r text, d text, c integer, ad text, ac integer, o text)`,
    values: [json],
  }
}

const schedNs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])

const url = await freshDatabase('txscreen_shadow_rows')
const client = new pg.Client({ connectionString: url })
await client.connect()
await client.query('set synchronous_commit to off')
const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
const batch = Number(values.batch)
const results = new Map<string, number[]>()
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, ddl] of Object.entries(FORMS)) {
    const table = `shadow_rows_${round}_${Object.keys(FORMS).indexOf(name)}`
    for (const s of ddl(table)) await client.query(s)
    const start = schedNs(pid)
    for (let i = 0; i < rows.length; i += batch) await client.query(name.includes('recordset') ? insertRecordset(table, rows.slice(i, i + batch)) : insertValues(table, rows.slice(i, i + batch)))
    const nsRow = (schedNs(pid) - start) / rows.length
    results.set(name, [...(results.get(name) ?? []), nsRow / 1000])
    await client.query(`drop table ${table}`)
  }
}
await client.end()
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
for (const [name, us] of results) {
  console.log(`${name}: ${median(us).toFixed(1)} µs of the backend's CPU a row (rounds ${us.map((x) => x.toFixed(1)).join(' ')}); ${((median(us) * rows.length) / Number(values.calls)).toFixed(1)} µs a call`)
}
