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

/** A PostgreSQL array literal of texts, for a text[] column sent inside a text[] parameter. */
function arrayLiteral(values: readonly string[]): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ','
    out += '"' + values[i]!.replace(/[\\"]/g, '\\$&') + '"'
  }
  return out + '}'
}

/**
 * Writes many calls' entity events and verdict rows in one statement (so one round trip and one
 * implicit transaction). Each column goes as one array parameter and `unnest` turns them back into rows,
 * so the statement is the same whatever the number of rows; the records and verdicts, already JSON, go
 * as one JSON array each (no escaping into an array literal, one parse on the server), and a record is
 * sent once however many keys it is stored under.
 */
export async function writeRealtimeRows(db: Executor, events: readonly EventRow[], verdicts: readonly VerdictRow[]): Promise<void> {
  const keys: string[] = []
  const owners: number[] = []
  const ids: string[] = []
  const times: string[] = []
  let records = '['
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    ids.push(e.eventId)
    times.push(e.occurredAt)
    records += (i > 0 ? ',' : '') + e.record
    for (const k of e.keys) {
      keys.push(k)
      owners.push(i + 1)
    }
  }
  records += ']'
  const v = {
    recordId: [] as (string | null)[],
    decision: [] as (string | null)[],
    score: [] as (number | null)[],
    ruleset: [] as string[],
    rules: [] as string[],
    typologies: [] as string[],
    entities: [] as string[],
    occurredAt: [] as (string | null)[],
  }
  let outputs = '['
  for (let i = 0; i < verdicts.length; i++) {
    const r = verdicts[i]!
    v.recordId.push(r.recordId)
    v.decision.push(r.decision)
    v.score.push(r.score)
    v.ruleset.push(r.ruleset)
    outputs += (i > 0 ? ',' : '') + (r.outputJson ?? JSON.stringify(r.output))
    v.rules.push(arrayLiteral(r.rules))
    v.typologies.push(arrayLiteral(r.typologies))
    v.entities.push(arrayLiteral(r.entities))
    v.occurredAt.push(r.occurredAt)
  }
  outputs += ']'
  await sql`
    with ev as materialized (
      select e.event_id, e.occurred_at::timestamptz as occurred_at, r.record, e.n
      from unnest(${ids}::text[], ${times}::text[]) with ordinality as e(event_id, occurred_at, n)
      join jsonb_array_elements(${records}::jsonb) with ordinality as r(record, n) on r.n = e.n
    ), ins_events as (
      insert into entity_events (key, event_id, occurred_at, record)
      select k.key, ev.event_id, ev.occurred_at, ev.record
      from unnest(${keys}::text[], ${owners}::int4[]) with ordinality as k(key, n, ord)
      join ev on ev.n = k.n
      order by k.ord
    ), ins_verdicts as (
      insert into verdicts (record_id, decision, score, ruleset, output, rules, typologies, entities, occurred_at)
      select v.record_id, v.decision, v.score, v.ruleset, o.output, v.rules::text[], v.typologies::text[], v.entities::text[], v.occurred_at::timestamptz
      from unnest(${v.recordId}::text[], ${v.decision}::text[], ${v.score}::float8[], ${v.ruleset}::text[],
                  ${v.rules}::text[], ${v.typologies}::text[], ${v.entities}::text[], ${v.occurredAt}::text[])
        with ordinality as v(record_id, decision, score, ruleset, rules, typologies, entities, occurred_at, ord)
      join jsonb_array_elements(${outputs}::jsonb) with ordinality as o(output, n) on o.n = v.ord
      order by v.ord
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
