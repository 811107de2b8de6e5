import {
  InProcessEngine, inputFormats, isLineError, Screener, screenBytes, systemClock,
  type Clock, type CompiledRuleset, type ScreenOutput, type TransferRecord, type Watchlists,
} from '../core/index.ts'
import { EMPTY_COUNTS, saveBatchProgress, setBatchStatus, type BatchInfo } from '../store/batches.ts'
import { replaceBatchCases } from '../store/cases.ts'
import type { Db } from '../store/db.ts'
import type { BatchCounts } from '../store/schema.ts'
import { insertVerdicts, type VerdictRow } from '../store/verdicts.ts'
import { forgetBatchRecords, keepBatchRecords, type KeptBatchRecord } from '../store/screened-records.ts'
import { IdHashSet } from './id-hash-set.ts'
import { shouldStore, toVerdictRow, type StoreVerdicts } from './verdict-rows.ts'

const FLUSH_ROWS = 500
/** duplicated transfer ids named in the batch's report; the count covers them all */
const DUPLICATE_SAMPLE = 100
const PROGRESS_EVERY = 2_000
// the heartbeat other processes watch to tell a live batch from an orphaned one
const HEARTBEAT_MS = 5_000

export interface RunOptions {
  storeVerdicts: StoreVerdicts
  /** the lists the name and indicator rules match against, as they were when the batch started */
  watchlists?: Watchlists | undefined
  /** receives each group of outputs in input order (streamed responses); its promise is awaited for backpressure */
  emit?: (outputs: ScreenOutput[]) => Promise<void>
  /** stops the run where it is without touching the batch row: what a killed process leaves behind */
  signal?: AbortSignal
  /** receives the record of each review or block verdict, as screened */
  onAlert?: (record: TransferRecord) => void
  /** when progress was last saved, for the heartbeat; the system clock when absent */
  clock?: Clock | undefined
  /** keep every record in the tenant's history for backtests (TXSCREEN_HISTORY_RETENTION_DAYS > 0) */
  keepRecords?: boolean | undefined
}

/**
 * Screens a batch's bytes into stored outputs with one seq per input record, then completes the batch
 * with its cases and counts in one transaction. Writing is idempotent per (batch, seq), so running a
 * batch again from the start after a crash adds nothing twice.
 */
export async function runBatch(
  db: Db,
  batch: BatchInfo,
  ruleset: CompiledRuleset,
  source: ReadableStream<Uint8Array>,
  options: RunOptions,
): Promise<BatchCounts> {
  const counts: BatchCounts = { ...EMPTY_COUNTS, duplicateIds: 0, duplicateSample: [], bytes: 0 }
  const ids = new IdHashSet()
  const clock = options.clock ?? systemClock
  const screener = new Screener(ruleset, { cases: true, caseScope: batch.id, ...(options.watchlists && { watchlists: options.watchlists }) })
  const format = inputFormats.named(batch.format)!
  let pending: VerdictRow[] = []
  let kept: KeptBatchRecord[] = []
  let sinceProgress = 0
  let lastSave = clock.now()
  let seq = 0

  const flush = async () => {
    const rows = pending
    const records = kept
    pending = []
    kept = []
    await insertVerdicts(db, rows)
    await keepBatchRecords(db, batch.tenant, batch.id, records)
    await saveBatchProgress(db, batch.id, counts)
    sinceProgress = 0
    lastSave = clock.now()
  }

  try {
    await setBatchStatus(db, batch.id, 'running', { counts })
    // screened again from the start (after a crash, or a streamed batch sent again): what it kept before goes
    if (options.keepRecords) await forgetBatchRecords(db, batch.id)
    const screened = screenBytes(source.pipeThrough(countBytes(counts)), format, new InProcessEngine(screener))
    for await (const { lines, outputs } of screened) {
      options.signal?.throwIfAborted()
      for (let i = 0; i < lines.length; i++) {
        const parsed = lines[i]!
        const output = outputs[i]!
        tally(counts, output)
        if (parsed.ok && !ids.add(parsed.record.id)) noteDuplicate(counts, parsed.record.id)
        // written with the next flush: at most PROGRESS_EVERY records wait
        if (parsed.ok && options.keepRecords) kept.push({ seq, record: parsed.record })
        if (shouldStore(output, options.storeVerdicts)) {
          const record = parsed.ok ? parsed.record : undefined
          // entity keys only for alerts: they are what `GET /v1/alerts?entity=` searches
          const alert = record && !isLineError(output) && output.decision !== 'clear'
          const keys = alert ? screener.entityKeys(record) : []
          if (alert) options.onAlert?.(record)
          const line = parsed.ok ? parsed.line : parsed.error.line
          pending.push(toVerdictRow(output, { batchId: batch.id, seq, line, ruleset: ruleset.version, tenant: batch.tenant, keyId: batch.ownerKey }, record, keys))
        }
        seq++
      }
      counts.outOfOrder = screener.outOfOrder
      sinceProgress += lines.length
      // PGlite answers on the same thread through promises alone: without a real turn of the event loop
      // a long batch would starve every other request (and the upload of its own 202) until it ended
      await nextTurn()
      if (options.emit) {
        // stored before sent: whatever a client received is on record if the process dies now
        await flush()
        await options.emit(outputs)
      } else if (pending.length >= FLUSH_ROWS || sinceProgress >= PROGRESS_EVERY || clock.now() - lastSave > HEARTBEAT_MS) {
        await flush()
      }
    }
    options.signal?.throwIfAborted()
    await flush()
    const cases = screener.cases()
    await db.transaction().execute(async (tx) => {
      await replaceBatchCases(tx, batch.id, batch.tenant, cases)
      await setBatchStatus(tx, batch.id, 'completed', { counts, error: null })
    })
    return counts
  } catch (err) {
    if (options.signal?.aborted) throw err
    // keep the counts so the failure has a trace of how far it got; if the database itself is gone this
    // write fails too, and the stale heartbeat lets recovery pick the batch up later
    await setBatchStatus(db, batch.id, 'failed', { counts, error: describeFailure(err) }).catch(() => {})
    throw err
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function tally(counts: BatchCounts, output: ScreenOutput): void {
  counts.records++
  if (isLineError(output)) counts.errors++
  else counts[output.decision]++
}

function noteDuplicate(counts: BatchCounts, id: string): void {
  counts.duplicateIds = (counts.duplicateIds ?? 0) + 1
  const sample = (counts.duplicateSample ??= [])
  if (sample.length < DUPLICATE_SAMPLE && !sample.includes(id)) sample.push(id)
}

function countBytes(counts: BatchCounts): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      counts.bytes = (counts.bytes ?? 0) + chunk.byteLength
      controller.enqueue(chunk)
    },
  })
}

function describeFailure(err: unknown): { code: string; message: string } {
  const code = (err as { code?: unknown })?.code
  return {
    code: typeof code === 'string' ? code : 'batch_failed',
    message: err instanceof Error ? err.message : String(err),
  }
}
