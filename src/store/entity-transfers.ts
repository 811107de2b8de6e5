import { sql } from 'kysely'
import type { Executor } from './db.ts'

/** One real-time transfer of an entity, with the decision its stored verdict gave. */
export interface EntityTransfer {
  id: string
  occurredAt: string
  record: unknown
  decision: string | null
  score: number | null
}

/**
 * The real-time transfers stored under a state key with a time in [from, to] (ISO), oldest first, at most
 * `limit`. Only transfers whose real-time verdict is stored for `tenant` are returned: the history itself
 * keeps no owner, the verdict row does, so one tenant never sees another's transfers through a shared key.
 */
export async function entityTransfers(db: Executor, key: string, tenant: string, from: string, to: string, limit: number): Promise<EntityTransfer[]> {
  const { rows } = await sql<{ event_id: string; occurred_at: Date | string; record: unknown; decision: string | null; score: number | null }>`
    select e.event_id, e.occurred_at, e.record, v.decision, v.score
    from entity_events e
    cross join lateral (
      select decision, score from verdicts
      where record_id = e.event_id and batch_id is null and tenant = ${tenant}
      order by id desc limit 1
    ) v
    where e.key = ${key} and e.occurred_at >= ${from}::timestamptz and e.occurred_at <= ${to}::timestamptz
    order by e.occurred_at, e.id
    limit ${limit}`.execute(db)
  return rows.map((r) => ({
    id: r.event_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    record: typeof r.record === 'string' ? JSON.parse(r.record) : r.record,
    decision: r.decision,
    score: r.score === null ? null : Number(r.score),
  }))
}
