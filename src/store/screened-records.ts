import { sql } from 'kysely'
import type { TransferRecord } from '../core/index.ts'
import { chunks, type Executor } from './db.ts'

// The history backtests replay: every screened record of a tenant, from real time (written with the
// real-time rows, realtime-store.ts) and from batches (written here as the batch runs).

/** A batch's record as kept: its place in the batch orders records of one time. */
export interface KeptBatchRecord {
  seq: number
  record: TransferRecord
}

/** Keeps records of a batch for the tenant's history. */
export async function keepBatchRecords(db: Executor, tenant: string, batchId: string, records: readonly KeptBatchRecord[]): Promise<void> {
  for (const chunk of chunks(records, 500)) {
    await db
      .insertInto('screened_records')
      .values(chunk.map((r) => ({ tenant, source: batchId, seq: r.seq, record_id: r.record.id, occurred_at: r.record.timestamp, record: JSON.stringify(r.record) })))
      .execute()
  }
}

/** Drops what a batch kept: it is screened again from the start. */
export async function forgetBatchRecords(db: Executor, batchId: string): Promise<void> {
  await db.deleteFrom('screened_records').where('source', '=', batchId).where('seq', 'is not', null).execute()
}

/** Which of a tenant's kept records a replay reads. */
export interface HistoryRange {
  tenant: string
  /** record times, inclusive from and exclusive to (ISO) */
  from?: string | undefined
  to?: string | undefined
  /** 'realtime' or a batch id */
  source?: string | undefined
  /** only rows stored up to this id: what was there when the replay began */
  upTo: string
}

/** A place in the replay order (time, then the order rows were stored). */
export interface HistoryCursor {
  occurredAt: Date
  id: string
}

function inRange(range: HistoryRange) {
  return sql.join(
    [
      sql`tenant = ${range.tenant}`,
      sql`id <= ${range.upTo}::bigint`,
      ...(range.from ? [sql`occurred_at >= ${range.from}::timestamptz`] : []),
      ...(range.to ? [sql`occurred_at < ${range.to}::timestamptz`] : []),
      ...(range.source ? [sql`source = ${range.source}`] : []),
    ],
    sql` and `,
  )
}

/** The id of the newest kept row, as the bound of a replay ('0' when nothing is kept). */
export async function latestHistoryId(db: Executor): Promise<string> {
  const { rows } = await sql<{ id: string | number | null }>`select max(id) as id from screened_records`.execute(db)
  return String(rows[0]?.id ?? 0)
}

/**
 * Where a replay of the range starts so that it holds at most `limit` records (the latest ones), and how many
 * it holds; no start when it begins at the range's beginning.
 */
export async function historyStart(db: Executor, range: HistoryRange, limit: number | undefined): Promise<{ start: HistoryCursor | undefined; total: number }> {
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from screened_records where ${inRange(range)}`.execute(db)
  const count = Number(rows[0]?.n ?? 0)
  if (limit === undefined || count <= limit) return { start: undefined, total: count }
  const first = await sql<{ id: string | number; occurred_at: Date | string }>`
    select id, occurred_at from screened_records where ${inRange(range)}
    order by occurred_at desc, id desc offset ${limit - 1} limit 1`.execute(db)
  const row = first.rows[0]!
  return { start: { occurredAt: new Date(row.occurred_at), id: String(row.id) }, total: limit }
}

/** One page of the range in replay order, from `start` (inclusive) or after `after`. */
export async function historyPage(
  db: Executor,
  range: HistoryRange,
  at: { start?: HistoryCursor | undefined; after?: HistoryCursor | undefined },
  limit: number,
): Promise<{ cursor: HistoryCursor; record: unknown }[]> {
  const bound = at.after
    ? sql`and (occurred_at, id) > (${at.after.occurredAt.toISOString()}::timestamptz, ${at.after.id}::bigint)`
    : at.start
      ? sql`and (occurred_at, id) >= (${at.start.occurredAt.toISOString()}::timestamptz, ${at.start.id}::bigint)`
      : sql``
  const { rows } = await sql<{ id: string | number; occurred_at: Date | string; record: unknown }>`
    select id, occurred_at, record from screened_records
    where ${inRange(range)} ${bound}
    order by occurred_at, id
    limit ${limit}`.execute(db)
  return rows.map((r) => ({
    cursor: { occurredAt: new Date(r.occurred_at), id: String(r.id) },
    record: typeof r.record === 'string' ? JSON.parse(r.record) : r.record,
  }))
}

/** Deletes up to `limit` kept records screened before `before`; returns how many went. */
export async function pruneScreenedRecords(db: Executor, before: Date, limit: number): Promise<number> {
  const result = await sql`
    delete from screened_records where id in (
      select id from screened_records where screened_at < ${before.toISOString()}::timestamptz limit ${limit}
    )`.execute(db)
  return Number(result.numAffectedRows ?? 0n)
}
