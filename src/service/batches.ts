import type { InputFormat, ScreenOutput, TransferRecord } from '../core/index.ts'
import { hashingStream, randomHex, sha256OfStream } from '../store/crypto.ts'
import {
  claimStaleBatch,
  createBatch,
  deleteUpload,
  getBatch,
  requeueBatch,
  reopenFailedBatch,
  setBatchStatus,
  setFingerprint,
  type BatchInfo,
} from '../store/batches.ts'
import { activeRulesetVersion } from '../store/rulesets.ts'
import { audit } from '../store/audit.ts'
import type { BatchCounts } from '../store/schema.ts'
import { runBatch } from './batch-run.ts'
import { readStoredUpload, storeUpload } from './batch-upload.ts'
import { keepCaseEvidence, storedRecords } from './case-evidence.ts'
import type { ServiceDeps } from './deps.ts'
import { IdempotencyKeyReusedError, NoActiveRulesetError } from './errors.ts'

export interface BatchRequest {
  format: InputFormat
  idempotencyKey: string | null
  actor: string
  /** the API key uploading, which owns the batch, and its tenant */
  ownerKey: string
  tenant: string
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
    ownerKey: req.ownerKey,
    tenant: req.tenant,
  })
  if (opened.created) {
    const details = { mode, format: req.format, idempotencyKey: req.idempotencyKey, tenant: req.tenant }
    await audit(deps.db, { actor: req.actor, action: 'batch.create', target: opened.batch.id, details })
  }
  // a retry after an upload or a streamed batch that broke off sends it again into the same batch
  if (!opened.created && (await reopenFailedBatch(deps.db, opened.batch.id, req.format, mode))) {
    await audit(deps.db, { actor: req.actor, action: 'batch.reupload', target: opened.batch.id, details: { format: req.format, mode } })
    return { batch: (await getBatch(deps.db, opened.batch.id))!, created: true }
  }
  return opened
}

/**
 * A retry under an Idempotency-Key the caller used before: the same body is answered with the earlier batch,
 * a different one is refused. An upload still arriving has no fingerprint yet, so its retry is not compared.
 */
async function checkRetry(batch: BatchInfo, body: ReadableStream<Uint8Array>): Promise<void> {
  if (batch.fingerprint === null) {
    await body.cancel().catch(() => {})
    return
  }
  if ((await sha256OfStream(body)) !== batch.fingerprint) throw new IdempotencyKeyReusedError(batch.id)
}

/**
 * Upload first, screen later: the body is stored in the database, the caller gets the batch id, and
 * screening runs in the background from the stored copy, which is what makes it resumable.
 */
export async function submitBatch(deps: ServiceDeps, req: BatchRequest): Promise<{ batch: BatchInfo; created: boolean }> {
  const opened = await openBatch(deps, req, 'async')
  if (!opened.created) {
    await checkRetry(opened.batch, req.body)
    return opened
  }
  const { batch } = opened
  const hashing = hashingStream()
  try {
    await storeUpload(deps.db, batch.id, req.body.pipeThrough(hashing.stream), deps.config.uploadChunkBytes)
    await setFingerprint(deps.db, batch.id, hashing.digest())
  } catch (err) {
    await setBatchStatus(deps.db, batch.id, 'failed', {
      error: { code: 'upload_incomplete', message: `the upload broke off: ${err instanceof Error ? err.message : String(err)}` },
    }).catch(() => {})
    // a retry uploads again from the start: what arrived of this one is of no use
    await deleteUpload(deps.db, batch.id).catch(() => {})
    throw err
  }
  await setBatchStatus(deps.db, batch.id, 'queued')
  if (deps.batchQueue) {
    // started now if a slot is free, else it waits in the table for one
    await deps.batchQueue.kick()
  } else {
    const queued = (await getBatch(deps.db, batch.id))!
    deps.background.run((signal) => screenStoredBatch(deps, queued, signal))
  }
  return { batch: (await getBatch(deps.db, batch.id))!, created: true }
}

/** Screens a batch from its stored upload (first run, or again after a crash), keeps its cases' evidence records, then drops the upload. */
export async function screenStoredBatch(deps: ServiceDeps, batch: BatchInfo, signal?: AbortSignal): Promise<void> {
  const ruleset = await deps.rulesets.compiled(deps.db, batch.ruleset)
  const fresh = (await getBatch(deps.db, batch.id)) ?? batch
  try {
    const counts = await runBatch(deps.db, fresh, ruleset, readStoredUpload(deps.db, batch.id, fresh.uploadChunks), {
      storeVerdicts: deps.config.storeVerdicts,
      watchlists: deps.lists?.current(),
      clock: deps.clock,
      keepRecords: deps.config.historyRetentionDays > 0,
      ...(signal ? { signal } : {}),
    })
    countBatch(deps, 'completed', counts)
  } catch (err) {
    if (!signal?.aborted) deps.metrics?.batchEnded('failed', 0)
    // a batch marked failed is over, so its upload goes; one left running (the database went away, the process
    // is stopping) keeps it, for recovery to screen it again
    if (!signal?.aborted && (await getBatch(deps.db, batch.id).catch(() => undefined))?.status === 'failed') {
      await deleteUpload(deps.db, batch.id).catch(() => {})
    }
    throw err
  }
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
    await checkRetry(opened.batch, req.body)
    return opened
  }
  const ruleset = await deps.rulesets.compiled(deps.db, opened.batch.ruleset)
  const hashing = hashingStream()
  const alerting: TransferRecord[] = []
  const run = runBatch(deps.db, opened.batch, ruleset, req.body.pipeThrough(hashing.stream), {
    storeVerdicts: deps.config.storeVerdicts,
    watchlists: deps.lists?.current(),
    clock: deps.clock,
    keepRecords: deps.config.historyRetentionDays > 0,
    emit,
    onAlert: (r) => alerting.push(r),
  }).then(
    async (counts) => {
      await setFingerprint(deps.db, opened.batch.id, hashing.digest())
      countBatch(deps, 'completed', counts)
      await keepCaseEvidence(deps, opened.batch.id, [alerting])
    },
    (err: unknown) => {
      deps.metrics?.batchEnded('failed', 0)
      throw err
    },
  )
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
    } else if (deps.batchQueue) {
      await requeueBatch(deps.db, batch.id)
    } else {
      const claimed = batch
      deps.background.run((signal) => screenStoredBatch(deps, claimed, signal))
    }
  }
  if (deps.batchQueue && recovered.length > 0) await deps.batchQueue.kick()
  return recovered
}

/** A finished batch's outcomes, for the metrics. */
function countBatch(deps: ServiceDeps, status: 'completed', counts: BatchCounts): void {
  const m = deps.metrics
  if (!m) return
  m.batchEnded(status, counts.records)
  for (const outcome of ['clear', 'review', 'block'] as const) m.decisions('batch', outcome, counts[outcome])
  m.decisions('batch', 'error', counts.errors)
}
