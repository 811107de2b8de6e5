import { chunksOf, decodeBlocks, inputFormats, systemClock, type TransferRecord } from '../core/index.ts'
import type { BatchInfo } from '../store/batches.ts'
import { listBatchCases } from '../store/cases.ts'
import { keepEvidenceRecords, pruneEvidenceRecords } from '../store/evidence-records.ts'
import { readStoredUpload } from './batch-upload.ts'
import type { ServiceDeps } from './deps.ts'

const DAY_MS = 24 * 3600_000
// records gathered before each insert
const KEEP_CHUNK = 500

/**
 * Keeps the records that a completed batch's cases name in their evidence, from `records` (the batch's
 * records in any order), for the configured retention; then drops every kept record whose retention ended.
 */
export async function keepCaseEvidence(deps: ServiceDeps, batchId: string, records: AsyncIterable<readonly TransferRecord[]> | Iterable<readonly TransferRecord[]>): Promise<void> {
  const now = (deps.clock ?? systemClock).now()
  const keepUntil = new Date(now + deps.config.evidenceRetentionDays * DAY_MS)
  const wanted = new Set((await listBatchCases(deps.db, batchId)).flatMap((c) => c.evidence))
  let pending: TransferRecord[] = []
  if (wanted.size > 0) {
    for await (const group of records) {
      for (const r of group) if (wanted.has(r.id)) pending.push(r)
      if (pending.length >= KEEP_CHUNK) {
        await keepEvidenceRecords(deps.db, batchId, pending, keepUntil)
        pending = []
      }
    }
    await keepEvidenceRecords(deps.db, batchId, pending, keepUntil)
  }
  await pruneEvidenceRecords(deps.db, new Date(now))
}

/** a stored upload's records again, read the way the batch read them (line errors passed over) */
export async function* storedRecords(deps: ServiceDeps, batch: BatchInfo): AsyncGenerator<TransferRecord[]> {
  const blocks = chunksOf(readStoredUpload(deps.db, batch.id, batch.uploadChunks))
  for await (const slice of decodeBlocks(blocks, inputFormats.named(batch.format)!)) {
    yield slice.flatMap((p) => (p.ok ? [p.record] : []))
  }
}
