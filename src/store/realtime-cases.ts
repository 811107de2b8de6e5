import { sql } from 'kysely'
import type { TransferRecord, Verdict } from '../core/index.ts'
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

/**
 * The real-time history's records among `ids`, looked up under the state keys they were stored by (the
 * history's index is by key). A transfer is stored once per key it touches: one copy of each is returned.
 */
export async function realtimeRecords(db: Executor, keys: readonly string[], ids: readonly string[]): Promise<Map<string, TransferRecord>> {
  const found = new Map<string, TransferRecord>()
  if (keys.length === 0) return found
  for (const chunk of chunks([...new Set(ids)], 500)) {
    const rows = await db.selectFrom('entity_events').select(['event_id', 'record']).where('key', 'in', [...new Set(keys)]).where('event_id', 'in', chunk).execute()
    for (const r of rows) found.set(r.event_id, r.record as TransferRecord)
  }
  return found
}
