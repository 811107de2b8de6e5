import { sql } from 'kysely'
import type { Verdict } from '../core/index.ts'
import { chunks, type Executor } from './db.ts'

/** a real-time alert as the case roll-up reads it */
export interface RealtimeAlert {
  row: string
  verdict: Verdict
  /** the tenant of the key that asked */
  tenant: string
  /** the state keys the transfer touched */
  keys: string[]
}

/** Where the roll-up stands, locked until the transaction ends so that two processes never roll up the same alerts. */
export async function lockRealtimeCaseProgress(db: Executor): Promise<string> {
  const row = await db.selectFrom('realtime_case_progress').select('last_verdict').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow()
  return String(row.last_verdict)
}

export async function setRealtimeCaseProgress(db: Executor, lastVerdict: string): Promise<void> {
  await db.updateTable('realtime_case_progress').set({ last_verdict: Number(lastVerdict) }).where('id', '=', 1).execute()
}

/**
 * Real-time review and block verdicts after the row `after`, oldest first, stored at least `settleMs` ago by
 * the database's clock: row ids are taken when a row is written, not when it commits, so a young row may still
 * have an uncommitted neighbour with a smaller id that the next roll-up, starting after it, would pass over.
 */
export async function realtimeAlertsAfter(db: Executor, after: string, limit: number, settleMs: number): Promise<RealtimeAlert[]> {
  const rows = await db
    .selectFrom('verdicts')
    .select(['id', 'output', 'entities', 'tenant'])
    .where('batch_id', 'is', null)
    .where('decision', 'in', ['review', 'block'])
    .where('id', '>', after)
    .where(sql<boolean>`created_at <= now() - make_interval(secs => ${settleMs / 1000})`)
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ row: String(r.id), verdict: r.output as Verdict, tenant: r.tenant, keys: r.entities }))
}

/** what the roll-up reads of a real-time transfer: when it happened and who sent it */
export interface RealtimeTransferFacts {
  timestamp: string
  senderId: string
}

/**
 * The time and sender of the real-time history's transfers among `ids`, looked up under the state keys they were
 * stored by (the history's index is by key). Only those two fields leave the database: a transfer is stored once
 * per key it touches, and parsing every copy of every record cost the roll-up more than the rest of it.
 */
export async function realtimeTransferFacts(db: Executor, keys: readonly string[], ids: readonly string[]): Promise<Map<string, RealtimeTransferFacts>> {
  const found = new Map<string, RealtimeTransferFacts>()
  if (keys.length === 0) return found
  const keyList = [...new Set(keys)]
  for (const chunk of chunks([...new Set(ids)], 500)) {
    const rows = await db
      .selectFrom('entity_events')
      .distinctOn('event_id')
      .select(['event_id', sql<string>`record->>'timestamp'`.as('timestamp'), sql<string>`record->'sender'->>'id'`.as('sender_id')])
      .where('key', 'in', keyList)
      .where('event_id', 'in', chunk)
      .execute()
    for (const r of rows) found.set(r.event_id, { timestamp: r.timestamp, senderId: r.sender_id })
  }
  return found
}

/**
 * Keeps the evidence records of the tenant's cases `caseIds` (every id in their evidence lists, as stored), copied
 * inside the database from the history's rows under the cases' entities, until `keepUntil` (a record kept
 * already is kept until then instead). Neither the lists nor the records pass through this process.
 */
export async function keepRealtimeEvidenceOfCases(db: Executor, tenant: string, caseIds: readonly string[], keepUntil: Date): Promise<void> {
  if (caseIds.length === 0) return
  // one statement for all: a record is found under any of the cases' entities, as each case's own
  await sql`
    with touched as materialized (
      select entity, evidence from cases where tenant = ${tenant} and batch_id is null and case_id = any(${[...caseIds]}::text[])
    )
    insert into realtime_evidence_records (tenant, record_id, record, keep_until)
    select distinct on (e.event_id) ${tenant}::text, e.event_id, e.record, ${keepUntil}::timestamptz
    from entity_events e
    where e.key in (select entity from touched)
      and e.event_id in (select jsonb_array_elements_text(evidence) from touched)
    on conflict (tenant, record_id) do update set keep_until = excluded.keep_until`.execute(db)
}
