import type { BatchInfo } from '../../store/batches.ts'
import type { z } from 'zod'
import type { BatchSchema } from '../schemas.ts'

/** The public form of a batch: counts, how far it got, and where its results are. */
export function batchView(b: BatchInfo): z.output<typeof BatchSchema> {
  const bytesRead = b.counts.bytes ?? 0
  const bytesTotal = b.mode === 'async' && b.status !== 'receiving' ? b.uploadBytes : null
  const fraction = b.status === 'completed' ? 1 : bytesTotal ? Math.min(1, bytesRead / bytesTotal) : null
  const self = `/v1/batches/${b.id}`
  return {
    id: b.id,
    status: b.status,
    format: b.format,
    mode: b.mode,
    ruleset: b.ruleset,
    createdAt: b.createdAt,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    counts: {
      records: b.counts.records,
      clear: b.counts.clear,
      review: b.counts.review,
      block: b.counts.block,
      errors: b.counts.errors,
      outOfOrder: b.counts.outOfOrder ?? 0,
      duplicateIds: b.counts.duplicateIds ?? 0,
    },
    duplicateIds: b.counts.duplicateSample ?? [],
    progress: { bytesRead, bytesTotal, fraction },
    error: b.error,
    links: { self, verdicts: `${self}/verdicts`, cases: `${self}/cases` },
  }
}
