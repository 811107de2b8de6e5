import type { InputFormat, ScreenOutput, TransferRecord } from '../core/index.ts'
import { randomHex } from '../store/crypto.ts'
import {
  claimStaleBatch,
  createBatch,
  deleteUpload,
  getBatch,
  reopenFailedUpload,
  setBatchStatus,
  type BatchInfo,
} from '../store/batches.ts'
import { activeRulesetVersion } from '../store/rulesets.ts'
import { runBatch } from './batch-run.ts'
import { readStoredUpload, storeUpload } from './batch-upload.ts'
import { keepCaseEvidence, storedRecords } from './case-evidence.ts'
import type { ServiceDeps } from './deps.ts'
import { NoActiveRulesetError } from './errors.ts'

export interface BatchRequest {
  format: InputFormat
  idempotencyKey: string | null
  actor: string
  body: ReadableStream<Uint8Array>
}

/** Creates the batch row pinned to the active rule set, or finds the one with the same idempotency key. */
async function openBatch(deps: ServiceDeps, req: BatchRequest, mode: 'async' | 'stream') {
  const ruleset = await activeRulesetVersion(deps.db)
  if (!ruleset) throw new NoActiveRulesetError()
  await deps.rulesets.compiled(deps.db, ruleset)
  const opened = await createBatch(deps.db, {
    id: `b_${randomHex(10)}`,
    format: req.format,
    mode,
    ruleset,
    idempotencyKey: req.idempotencyKey,
    createdBy: req.actor,
  })
  // a retry after an upload that broke off uploads again into the same batch
  if (!opened.created && (await reopenFailedUpload(deps.db, opened.batch.id, req.format))) {
    return { batch: (await getBatch(deps.db, opened.batch.id))!, created: true }
  }
  return opened
}

/**
 * Upload first, screen later: the body is stored in the database, the caller gets the batch id, and
 * screening runs in the background from the stored copy, which is what makes it resumable.
 */
export async function submitBatch(deps: ServiceDeps, req: BatchRequest): Promise<{ batch: BatchInfo; created: boolean }> {
  const opened = await openBatch(deps, req, 'async')
  if (!opened.created) {
    await req.body.cancel().catch(() => {})
    return opened
  }
  const { batch } = opened
  try {
    await storeUpload(deps.db, batch.id, req.body, deps.config.uploadChunkBytes)
  } catch (err) {
    await setBatchStatus(deps.db, batch.id, 'failed', {
      error: { code: 'upload_incomplete', message: `the upload broke off: ${err instanceof Error ? err.message : String(err)}` },
    }).catch(() => {})
    throw err
  }
  await setBatchStatus(deps.db, batch.id, 'queued')
  const queued = (await getBatch(deps.db, batch.id))!
  deps.background.run((signal) => screenStoredBatch(deps, queued, signal))
  return { batch: queued, created: true }
}

/** Screens a batch from its stored upload (first run, or again after a crash), keeps its cases' evidence records, then drops the upload. */
export async function screenStoredBatch(deps: ServiceDeps, batch: BatchInfo, signal?: AbortSignal): Promise<void> {
  const ruleset = await deps.rulesets.compiled(deps.db, batch.ruleset)
  const fresh = (await getBatch(deps.db, batch.id)) ?? batch
  await runBatch(deps.db, fresh, ruleset, readStoredUpload(deps.db, batch.id, fresh.uploadChunks), {
    storeVerdicts: deps.config.storeVerdicts,
    watchlists: deps.lists?.current(),
    clock: deps.clock,
    ...(signal ? { signal } : {}),
  })
  // the records the cases name are kept for reports; the rest of the upload goes
  await keepCaseEvidence(deps, batch.id, storedRecords(deps, fresh))
  await deleteUpload(deps.db, batch.id)
}

/**
 * Screens while the body arrives and hands each group of outputs to `emit` (the response). Nothing is
 * kept of the upload, so a batch cut off here ends failed with the counts it reached; of its records, the
 * alerting ones are kept for its cases' reports (earlier transfers in their evidence are not at hand).
 */
export async function streamBatch(
  deps: ServiceDeps,
  req: BatchRequest,
  emit: (outputs: ScreenOutput[]) => Promise<void>,
): Promise<{ batch: BatchInfo; created: boolean; run?: Promise<unknown> }> {
  const opened = await openBatch(deps, req, 'stream')
  if (!opened.created) {
    await req.body.cancel().catch(() => {})
    return opened
  }
  const ruleset = await deps.rulesets.compiled(deps.db, opened.batch.ruleset)
  const alerting: TransferRecord[] = []
  const run = runBatch(deps.db, opened.batch, ruleset, req.body, {
    storeVerdicts: deps.config.storeVerdicts, watchlists: deps.lists?.current(), clock: deps.clock, emit, onAlert: (r) => alerting.push(r),
  }).then(() => keepCaseEvidence(deps, opened.batch.id, [alerting]))
  return { ...opened, run }
}

/**
 * Picks up batches whose process stopped beating: an upload that broke off fails (a retry with the same
 * Idempotency-Key starts it again), a stored upload is screened again from the start (stored outputs are
 * not written twice), and a streamed batch, whose input is gone, fails keeping its counts.
 */
export async function recoverStaleBatches(deps: ServiceDeps, staleAfterMs: number): Promise<BatchInfo[]> {
  const recovered: BatchInfo[] = []
  const claim = () => claimStaleBatch(deps.db, staleAfterMs, recovered.map((b) => b.id))
  for (let batch = await claim(); batch; batch = await claim()) {
    recovered.push(batch)
    if (batch.status === 'receiving') {
      await setBatchStatus(deps.db, batch.id, 'failed', {
        error: { code: 'upload_incomplete', message: 'the server stopped before the upload was complete; upload again with the same Idempotency-Key' },
      })
    } else if (batch.mode === 'stream') {
      await setBatchStatus(deps.db, batch.id, 'failed', {
        error: { code: 'interrupted', message: `the server stopped after ${batch.counts.records} records; the counts show how far it got` },
      })
    } else {
      const claimed = batch
      deps.background.run((signal) => screenStoredBatch(deps, claimed, signal))
    }
  }
  return recovered
}
