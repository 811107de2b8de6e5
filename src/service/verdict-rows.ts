import { isLineError, type ScreenOutput, type TransferRecord } from '../core/index.ts'
import type { VerdictRow } from '../store/verdicts.ts'

export type StoreVerdicts = 'all' | 'alerts'

/** Whether an output is kept: alerts always, line errors always (they explain gaps), clears only with `all`. */
export function shouldStore(output: ScreenOutput, mode: StoreVerdicts): boolean {
  return mode === 'all' || isLineError(output) || output.decision !== 'clear'
}

/** The stored form of an output, with the columns that alert queries filter on. */
export function toVerdictRow(
  output: ScreenOutput,
  at: { batchId: string | null; seq: number | null; line: number | null; ruleset: string },
  record: TransferRecord | undefined,
  entityKeys: readonly string[],
): VerdictRow {
  if (isLineError(output)) {
    return {
      ...at,
      recordId: output.id ?? null,
      decision: null,
      score: null,
      output,
      rules: [],
      typologies: [],
      entities: [],
      occurredAt: null,
    }
  }
  const entities = new Set(entityKeys)
  for (const h of output.hits) if (h.evidence.entity) entities.add(h.evidence.entity)
  // plain party ids too, so `?entity=ACC-1` finds alerts without knowing the key syntax
  if (record) {
    entities.add(record.sender.id)
    entities.add(record.receiver.id)
  }
  return {
    ...at,
    recordId: output.id,
    decision: output.decision,
    score: output.score,
    output,
    rules: [...new Set(output.hits.map((h) => h.rule))],
    typologies: [...new Set(output.hits.map((h) => h.typology))],
    entities: [...entities],
    occurredAt: record?.timestamp ?? null,
  }
}
