import type { TransferRecord } from '../core/index.ts'
import { chunks, type Executor } from './db.ts'

/** Keeps a batch's evidence records until `keepUntil`; a record kept already (a resumed batch) is left as it is. */
export async function keepEvidenceRecords(db: Executor, batchId: string, records: readonly TransferRecord[], keepUntil: Date): Promise<void> {
  for (const chunk of chunks(records, 500)) {
    await db
      .insertInto('evidence_records')
      .values(chunk.map((r) => ({ batch_id: batchId, record_id: r.id, record: JSON.stringify(r), keep_until: keepUntil })))
      .onConflict((oc) => oc.columns(['batch_id', 'record_id']).doNothing())
      .execute()
  }
}

/** the kept records among `ids` of a batch, or of the tenant's real-time cases when `batchId` is null; in no particular order */
export async function evidenceRecords(db: Executor, tenant: string, batchId: string | null, ids: readonly string[]): Promise<TransferRecord[]> {
  const found: TransferRecord[] = []
  for (const chunk of chunks(ids, 500)) {
    const rows =
      batchId === null
        ? await db.selectFrom('realtime_evidence_records').select('record').where('tenant', '=', tenant).where('record_id', 'in', chunk).execute()
        : await db.selectFrom('evidence_records').select('record').where('batch_id', '=', batchId).where('record_id', 'in', chunk).execute()
    for (const r of rows) found.push(r.record as TransferRecord)
  }
  return found
}

/** Drops the records whose retention ended before `now`; returns how many went. */
export async function pruneEvidenceRecords(db: Executor, now: Date): Promise<number> {
  const batches = await db.deleteFrom('evidence_records').where('keep_until', '<', now).executeTakeFirst()
  const realtime = await db.deleteFrom('realtime_evidence_records').where('keep_until', '<', now).executeTakeFirst()
  return Number(batches.numDeletedRows) + Number(realtime.numDeletedRows)
}
