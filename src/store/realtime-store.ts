import { CompiledQuery, sql } from 'kysely'
import type { Executor, Tx } from './db.ts'
import { preparedAs } from './prepared.ts'
import { ALERT_WRITERS_LOCK_SQL, VERDICT_COLUMNS, verdictColumnsJson, type VerdictRow } from './verdicts.ts'

// The real-time history: every screened transfer is stored in `entity_events` once under each of its state
// keys. Both real-time modes (state in memory, state replayed from the database) read and write it only here.

/** One screened transfer as the history keeps it. */
export interface EntityEvent {
  /** the state keys it is stored under */
  keys: readonly string[]
  eventId: string
  /** ISO time of the transfer */
  occurredAt: string
  /** the record as JSON text */
  record: string
  /** the tenant whose history (screened_records, for backtests) keeps it; absent when the history is off */
  tenant?: string
}

/**
 * Serialises real-time screening per entity across processes: transaction-scoped advisory locks, taken
 * in hash order so that two calls sharing keys always lock in the same order and cannot deadlock.
 */
export async function lockEntityKeys(tx: Tx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return
  await sql`
    select pg_advisory_xact_lock(h)
    from (select distinct hashtextextended(k, 0) as h from unnest(${[...keys]}::text[]) as k order by h) as ordered`.execute(
    tx,
  )
}

/** The transfers stored under any of `keys` with a time in [from, to] (epoch ms), each once, oldest first. */
export async function loadEntityHistory(db: Executor, keys: readonly string[], from: number, to: number): Promise<unknown[]> {
  if (keys.length === 0) return []
  const rows = await db
    .selectFrom('entity_events')
    .select(['event_id', 'record'])
    .where('key', 'in', [...keys])
    .where('occurred_at', '>=', new Date(from))
    .where('occurred_at', '<=', new Date(to))
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
  const seen = new Set<string>()
  const records: unknown[] = []
  for (const row of rows) {
    if (seen.has(row.event_id)) continue
    seen.add(row.event_id)
    records.push(row.record)
  }
  return records
}

// the verdict columns of the append statement, built once from the one column list
const verdictColumns = sql.join(VERDICT_COLUMNS.map((c) => sql.ref(c)))
const verdictValues = sql.join(VERDICT_COLUMNS.map((c) => sql.ref(`v.${c}`)))
const APPEND_PREPARED = preparedAs('txscreen_realtime_append')

/**
 * Appends transfers to the history, with their verdict rows (and, for a transfer with a tenant, its row of the
 * tenant's kept history), in one statement (so one round trip and one
 * implicit transaction), for one call or a group of calls. The rows go as two JSON documents that the
 * server turns back into rows: records and verdicts are JSON already and are pasted in as they are (no
 * escaping into array literals, one parse on the server), the statement is the same whatever the number
 * of rows, and a record is sent once however many keys it is stored under. A verdict given as text is a row's
 * columns as `verdictColumnsJson` writes them.
 */
export async function appendEntityEvents(db: Executor, events: readonly EntityEvent[], verdicts: readonly (VerdictRow | string)[]): Promise<void> {
  if (verdicts.length === 0 && !events.some((e) => e.keys.length > 0 || e.tenant !== undefined)) return
  let ev = '['
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    const w = e.tenant === undefined ? '' : `,"w":${JSON.stringify(e.tenant)}`
    ev += `${i > 0 ? ',' : ''}{"i":${JSON.stringify(e.eventId)},"t":${JSON.stringify(e.occurredAt)},"k":${JSON.stringify(e.keys)},"r":${e.record}${w}}`
  }
  ev += ']'
  let vd = '['
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i]!
    vd += `${i > 0 ? ',' : ''}${typeof v === 'string' ? v : verdictColumnsJson(v)}`
  }
  vd += ']'
  await db.executeQuery(CompiledQuery.raw(appendStatement(db), [ev, vd]))
}

// the statement's text, compiled once: it is the same at every flush (two parameters, the JSON documents), and
// both dialects (PostgreSQL and PGlite) compile it alike, so the query builder does not walk it at every flush
let appendText: string | undefined

function appendStatement(db: Executor): string {
  if (appendText !== undefined) return appendText
  const ev = sql.raw('$1')
  const vd = sql.raw('$2')
  // the alert writers' lock is taken first: every row below depends on it (see listAlerts); PostgreSQL gets the
  // text prepared (parsed and analysed once per connection)
  const compiled = sql`${APPEND_PREPARED}
    with lk as materialized (
      select ${ALERT_WRITERS_LOCK_SQL}
    ), ev as materialized (
      select e.* from lk, rows from (jsonb_to_recordset(${ev}::jsonb) as (i text, t timestamptz, k text[], r jsonb, w text)) with ordinality as e(i, t, k, r, w, n)
    ), ins_events as (
      insert into entity_events (key, event_id, occurred_at, record)
      select k.key, ev.i, ev.t, ev.r
      from ev cross join lateral unnest(ev.k) with ordinality as k(key, o)
      order by ev.n, k.o
      on conflict (event_id, key) do nothing
    ), ins_history as (
      insert into screened_records (tenant, source, record_id, occurred_at, record)
      select ev.w, 'realtime', ev.i, ev.t, ev.r from ev where ev.w is not null order by ev.n
    ), ins_verdicts as (
      insert into verdicts (${verdictColumns})
      select ${verdictValues}
      from lk, jsonb_populate_recordset(null::verdicts, ${vd}::jsonb) with ordinality as v
      order by v.ordinality
    )
    select 1 as done`.compile(db)
  if (compiled.parameters.length !== 0) throw new Error('the real-time append statement must take only its two documents')
  appendText = compiled.sql
  return appendText
}

/** The record stored for a real-time transfer id (any one of its key rows), or undefined when none is kept. */
export async function findStoredTransfer(db: Executor, eventId: string): Promise<unknown> {
  const row = await db.selectFrom('entity_events').select('record').where('event_id', '=', eventId).limit(1).executeTakeFirst()
  return row?.record
}

/** The time (epoch ms) of the latest transfer in the history, if any. */
export async function latestEventTime(db: Executor): Promise<number | undefined> {
  const row = await db.selectFrom('entity_events').select((eb) => eb.fn.max('occurred_at').as('latest')).executeTakeFirst()
  const latest = row?.latest as Date | string | null | undefined
  return latest == null ? undefined : new Date(latest).getTime()
}

export interface EventPageRow {
  id: string
  eventId: string
  occurredAt: Date
  record: unknown
}

/**
 * Warm-up: entity events from `from` (epoch ms) on, in the order they were stored, `limit` rows a page after
 * the cursor (the last row of the previous page). A transfer comes once per key: the caller skips the repeats.
 */
export async function loadEventPage(
  db: Executor,
  from: number,
  after: { occurredAt: Date; id: string } | undefined,
  limit: number,
): Promise<EventPageRow[]> {
  const since = sql`occurred_at >= ${new Date(from).toISOString()}::timestamptz`
  const cursor = after ? sql`and (occurred_at, id) > (${after.occurredAt.toISOString()}::timestamptz, ${after.id}::bigint)` : sql``
  const { rows } = await sql<{ id: string | number | bigint; event_id: string; occurred_at: Date | string; record: unknown }>`
    select id, event_id, occurred_at, record from entity_events
    where ${since} ${cursor}
    order by occurred_at, id
    limit ${limit}`.execute(db)
  return rows.map((r) => ({
    id: String(r.id),
    eventId: r.event_id,
    occurredAt: new Date(r.occurred_at),
    record: typeof r.record === 'string' ? JSON.parse(r.record) : r.record,
  }))
}

/** Deletes the events under `keys` older than `before` (epoch ms): pruning beside a call, on its own keys only, stays cheap. */
export async function pruneEntityEvents(db: Executor, keys: readonly string[], before: number): Promise<void> {
  if (keys.length === 0) return
  await db.deleteFrom('entity_events').where('key', 'in', [...keys]).where('occurred_at', '<', new Date(before)).execute()
}

/** Deletes up to `limit` events older than `before` (epoch ms), whatever their keys; returns how many went. */
export async function pruneEventsBefore(db: Executor, before: number, limit: number): Promise<number> {
  const result = await sql`
    delete from entity_events where id in (
      select id from entity_events where occurred_at < ${new Date(before).toISOString()}::timestamptz limit ${limit}
    )`.execute(db)
  return Number(result.numAffectedRows ?? 0n)
}
