import { sql } from 'kysely'
import type { InputFormat } from '../core/index.ts'
import type { Executor } from './db.ts'
import type { BatchCounts, BatchStatus, BatchTable } from './schema.ts'
import type { Selectable } from 'kysely'

export const EMPTY_COUNTS: BatchCounts = { records: 0, clear: 0, review: 0, block: 0, errors: 0 }

export interface BatchInfo {
  id: string
  status: BatchStatus
  format: InputFormat
  mode: 'async' | 'stream'
  ruleset: string
  idempotencyKey: string | null
  createdBy: string | null
  /** the API key that uploaded it */
  ownerKey: string | null
  tenant: string
  /** SHA-256 of the upload once it is whole */
  fingerprint: string | null
  uploadBytes: number
  uploadChunks: number
  counts: BatchCounts
  error: { code: string; message: string } | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export interface NewBatch {
  id: string
  format: InputFormat
  mode: 'async' | 'stream'
  ruleset: string
  idempotencyKey: string | null
  createdBy: string | null
  ownerKey: string
  tenant: string
}

/**
 * Creates a batch, or finds the one its owner key already made with the same idempotency key (created: false).
 * The unique index on (owner_key, idempotency_key) settles races between concurrent retries.
 */
export async function createBatch(db: Executor, input: NewBatch): Promise<{ batch: BatchInfo; created: boolean }> {
  const inserted = await db
    .insertInto('batches')
    .values({
      id: input.id,
      status: 'receiving',
      format: input.format,
      mode: input.mode,
      ruleset: input.ruleset,
      idempotency_key: input.idempotencyKey,
      created_by: input.createdBy,
      owner_key: input.ownerKey,
      tenant: input.tenant,
      counts: JSON.stringify(EMPTY_COUNTS),
      heartbeat_at: sql<Date>`now()`,
    })
    .onConflict((oc) => oc.columns(['owner_key', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted) return { batch: toInfo(inserted), created: true }
  const existing = await db
    .selectFrom('batches')
    .selectAll()
    .where('owner_key', '=', input.ownerKey)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirstOrThrow()
  return { batch: toInfo(existing), created: false }
}

/**
 * Lets a retry with the same idempotency key send its batch again: an upload that broke off, or a streamed
 * batch that failed (its input is gone, so it is screened again from the start: what it stored goes).
 */
export async function reopenFailedBatch(db: Executor, id: string, format: InputFormat, mode: 'async' | 'stream'): Promise<boolean> {
  const row = await db
    .updateTable('batches')
    .set({
      status: 'receiving',
      format,
      mode,
      counts: JSON.stringify(EMPTY_COUNTS),
      error: null,
      upload_bytes: 0,
      upload_chunks: 0,
      fingerprint: null,
      started_at: null,
      finished_at: null,
      heartbeat_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .where(sql<boolean>`(error->>'code' = 'upload_incomplete' or mode = 'stream')`)
    .returning('id')
    .executeTakeFirst()
  if (!row) return false
  await db.deleteFrom('batch_uploads').where('batch_id', '=', id).execute()
  await db.deleteFrom('verdicts').where('batch_id', '=', id).execute()
  await db.deleteFrom('cases').where('batch_id', '=', id).execute()
  return true
}

export async function getBatch(db: Executor, id: string): Promise<BatchInfo | undefined> {
  const row = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toInfo(row)
}

/** Records the SHA-256 of a batch's whole upload. */
export async function setFingerprint(db: Executor, id: string, fingerprint: string): Promise<void> {
  await db.updateTable('batches').set({ fingerprint }).where('id', '=', id).execute()
}

export async function appendUploadChunk(db: Executor, batchId: string, seq: number, data: string, bytes: number): Promise<void> {
  await db.insertInto('batch_uploads').values({ batch_id: batchId, seq, data }).execute()
  await db
    .updateTable('batches')
    .set((eb) => ({
      upload_bytes: sql`${eb.ref('upload_bytes')} + ${bytes}`,
      upload_chunks: seq + 1,
      heartbeat_at: sql<Date>`now()`,
    }))
    .where('id', '=', batchId)
    .execute()
}

export async function readUploadChunk(db: Executor, batchId: string, seq: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('batch_uploads')
    .select('data')
    .where('batch_id', '=', batchId)
    .where('seq', '=', seq)
    .executeTakeFirst()
  return row?.data
}

export async function setBatchStatus(
  db: Executor,
  id: string,
  status: BatchStatus,
  extra: { counts?: BatchCounts; error?: { code: string; message: string } | null } = {},
): Promise<void> {
  const finished = status === 'completed' || status === 'failed'
  await db
    .updateTable('batches')
    .set({
      status,
      ...(extra.counts ? { counts: JSON.stringify(extra.counts) } : {}),
      ...(extra.error !== undefined ? { error: JSON.stringify(extra.error) } : {}),
      ...(status === 'running' ? { started_at: sql<Date>`coalesce(started_at, now())` } : {}),
      ...(finished ? { finished_at: sql<Date>`now()` } : {}),
      heartbeat_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/** Progress and liveness in one write: a batch whose heartbeat stops is recovered by another process. */
export async function saveBatchProgress(db: Executor, id: string, counts: BatchCounts): Promise<void> {
  await db
    .updateTable('batches')
    .set({ counts: JSON.stringify(counts), heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute()
}

export async function deleteUpload(db: Executor, batchId: string): Promise<void> {
  await db.deleteFrom('batch_uploads').where('batch_id', '=', batchId).execute()
}

/**
 * Claims one batch left unfinished by a process that stopped beating (killed, crashed): sets a fresh
 * heartbeat in the same statement, so two processes never claim the same batch.
 */
export async function claimStaleBatch(
  db: Executor,
  staleAfterMs: number,
  exclude: readonly string[] = [],
): Promise<BatchInfo | undefined> {
  const row = await db
    .updateTable('batches')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('id', 'in', (eb) => {
      let stale = eb
        .selectFrom('batches')
        .select('id')
        .where('status', 'in', ['receiving', 'queued', 'running'])
        .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleAfterMs / 1000})`)
      if (exclude.length > 0) stale = stale.where('id', 'not in', [...exclude])
      return stale.orderBy('created_at').limit(1)
    })
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleAfterMs / 1000})`)
    .returningAll()
    .executeTakeFirst()
  return row && toInfo(row)
}

function toInfo(row: Selectable<BatchTable>): BatchInfo {
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    mode: row.mode,
    ruleset: row.ruleset,
    idempotencyKey: row.idempotency_key,
    createdBy: row.created_by,
    ownerKey: row.owner_key,
    tenant: row.tenant,
    fingerprint: row.fingerprint,
    uploadBytes: Number(row.upload_bytes),
    uploadChunks: row.upload_chunks,
    counts: row.counts,
    error: row.error ?? null,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  }
}
