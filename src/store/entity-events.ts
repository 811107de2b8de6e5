import { sql } from 'kysely'
import type { Executor, Tx } from './db.ts'

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

/** The transfers seen under any of `keys` in [from, to], each once, oldest first. */
export async function loadEntityHistory(
  db: Executor,
  keys: readonly string[],
  from: Date,
  to: Date,
): Promise<unknown[]> {
  if (keys.length === 0) return []
  const rows = await db
    .selectFrom('entity_events')
    .select(['event_id', 'record'])
    .where('key', 'in', [...keys])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<=', to)
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

export async function appendEntityEvents(
  db: Executor,
  input: { keys: readonly string[]; eventId: string; occurredAt: Date; record: unknown },
): Promise<void> {
  if (input.keys.length === 0) return
  const record = JSON.stringify(input.record)
  await db
    .insertInto('entity_events')
    .values(input.keys.map((key) => ({ key, event_id: input.eventId, occurred_at: input.occurredAt, record })))
    .execute()
}

/** Drops what no window can reach any more, only under the keys at hand, so pruning stays cheap. */
export async function pruneEntityEvents(db: Executor, keys: readonly string[], before: Date): Promise<void> {
  if (keys.length === 0) return
  await db.deleteFrom('entity_events').where('key', 'in', [...keys]).where('occurred_at', '<', before).execute()
}
