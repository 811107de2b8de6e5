import { sql } from 'kysely'
import type { Executor } from './db.ts'
import type { VerdictRow } from './verdicts.ts'

/** One screened transfer as the real-time history keeps it: stored once under each of its state keys. */
export interface EventRow {
  keys: readonly string[]
  eventId: string
  /** ISO time of the transfer */
  occurredAt: string
  /** the record as JSON text */
  record: string
}

/**
 * Writes many calls' entity events and verdict rows in one statement (so one round trip and one implicit
 * transaction). The rows go as two JSON documents that `jsonb_to_recordset` turns back into rows: the
 * records and verdicts are JSON already and are pasted in as they are (no escaping into array literals, one
 * parse on the server), the statement is the same whatever the number of rows, and a record is sent once
 * however many keys it is stored under.
 */
export async function writeRealtimeRows(db: Executor, events: readonly EventRow[], verdicts: readonly VerdictRow[]): Promise<void> {
  let ev = '['
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    ev += `${i > 0 ? ',' : ''}{"i":${JSON.stringify(e.eventId)},"t":${JSON.stringify(e.occurredAt)},"k":${JSON.stringify(e.keys)},"r":${e.record}}`
  }
  ev += ']'
  let vd = '['
  for (let i = 0; i < verdicts.length; i++) {
    const r = verdicts[i]!
    const output = r.outputJson ?? JSON.stringify(r.output)
    const rest = JSON.stringify({
      record_id: r.recordId,
      decision: r.decision,
      score: r.score,
      ruleset: r.ruleset,
      rules: r.rules,
      typologies: r.typologies,
      entities: r.entities,
      occurred_at: r.occurredAt,
    })
    vd += `${i > 0 ? ',' : ''}{"output":${output},${rest.slice(1)}`
  }
  vd += ']'
  await sql`
    with ev as materialized (
      select * from rows from (jsonb_to_recordset(${ev}::jsonb) as (i text, t timestamptz, k text[], r jsonb)) with ordinality as e(i, t, k, r, n)
    ), ins_events as (
      insert into entity_events (key, event_id, occurred_at, record)
      select k.key, ev.i, ev.t, ev.r
      from ev cross join lateral unnest(ev.k) with ordinality as k(key, o)
      order by ev.n, k.o
    ), ins_verdicts as (
      insert into verdicts (record_id, decision, score, ruleset, output, rules, typologies, entities, occurred_at)
      select v.record_id, v.decision, v.score, v.ruleset, v.output, v.rules, v.typologies, v.entities, v.occurred_at
      from rows from (
        jsonb_to_recordset(${vd}::jsonb) as (record_id text, decision text, score float8, ruleset text, output jsonb,
                                             rules text[], typologies text[], entities text[], occurred_at timestamptz)
      ) with ordinality as v(record_id, decision, score, ruleset, output, rules, typologies, entities, occurred_at, n)
      order by v.n
    )
    select 1 as done`.execute(db)
}

/** The time of the latest transfer in the real-time history, if any. */
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
 * Entity events from `from` on, in the order they were stored, `limit` rows a page after the cursor (the
 * last row of the previous page). A transfer comes once per key: the caller skips the repeats.
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

/** Deletes up to `limit` entity events older than `before`; returns how many went. */
export async function pruneEventsBefore(db: Executor, before: number, limit: number): Promise<number> {
  const result = await sql`
    delete from entity_events where id in (
      select id from entity_events where occurred_at < ${new Date(before).toISOString()}::timestamptz limit ${limit}
    )`.execute(db)
  return Number(result.numAffectedRows ?? 0n)
}

/** The verdict a real-time call stored for a transfer id, if it stored one. */
export async function findRealtimeVerdict(db: Executor, recordId: string): Promise<unknown> {
  const row = await db
    .selectFrom('verdicts')
    .select('output')
    .where('record_id', '=', recordId)
    .where('batch_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.output
}
