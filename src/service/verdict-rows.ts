import { isLineError, type ScreenOutput, type TransferRecord } from '../core/index.ts'
import type { VerdictRow } from '../store/verdicts.ts'

export type StoreVerdicts = 'all' | 'alerts'

/** Who a stored output belongs to: the tenant whose analysts see it, and the key that asked (null when none did). */
export interface Owner {
  tenant: string
  keyId: string | null
}

/** Whether an output is kept: alerts always, line errors always (they explain gaps), clears only with `all`. */
export function shouldStore(output: ScreenOutput, mode: StoreVerdicts): boolean {
  return mode === 'all' || isLineError(output) || output.decision !== 'clear'
}

/** The stored form of an output, with the columns that alert queries filter on. */
export function toVerdictRow(
  output: ScreenOutput,
  at: { batchId: string | null; seq: number | null; line: number | null; ruleset: string } & Owner,
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
  // a handful of values each: arrays with includes are cheaper than sets, in the same first-seen order
  const entities = entityKeys.slice()
  const rules: string[] = []
  const typologies: string[] = []
  for (const h of output.hits) {
    addOnce(entities, h.evidence.entity)
    addOnce(rules, h.rule)
    addOnce(typologies, h.typology)
  }
  // plain party ids too, so `?entity=ACC-1` finds alerts without knowing the key syntax
  if (record) {
    addOnce(entities, record.sender.id)
    addOnce(entities, record.receiver.id)
  }
  return {
    batchId: at.batchId,
    seq: at.seq,
    line: at.line,
    ruleset: at.ruleset,
    tenant: at.tenant,
    keyId: at.keyId,
    recordId: output.id,
    decision: output.decision,
    score: output.score,
    output,
    rules,
    typologies,
    entities,
    occurredAt: record?.timestamp ?? null,
  }
}

function addOnce(list: string[], value: string | undefined): void {
  if (value && !list.includes(value)) list.push(value)
}
