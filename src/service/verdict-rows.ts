import { isLineError, type ScreenOutput, type TransferRecord, type Verdict } from '../core/index.ts'
import { realtimeVerdictColumnsJson, type VerdictRow } from '../store/verdicts.ts'

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
  const { rules, typologies, entities } = filterLists(output, record, entityKeys)
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

/**
 * A real-time verdict's stored row as the JSON the group commit sends: the same text as `verdictColumnsJson` of
 * `toVerdictRow`'s row with `outputJson`, without building that row.
 */
export function realtimeVerdictRowJson(verdict: Verdict, outputJson: string, owner: Owner, record: TransferRecord, entityKeys: readonly string[]): string {
  const { rules, typologies, entities } = filterLists(verdict, record, entityKeys)
  return realtimeVerdictColumnsJson({
    recordId: verdict.id,
    decision: verdict.decision,
    score: verdict.score,
    ruleset: verdict.ruleset,
    rules,
    typologies,
    entities,
    occurredAt: record.timestamp,
    tenant: owner.tenant,
    keyId: owner.keyId,
    outputJson,
  })
}

/** the rules, typologies and entities alert queries filter on */
function filterLists(verdict: Verdict, record: TransferRecord | undefined, entityKeys: readonly string[]): { rules: string[]; typologies: string[]; entities: string[] } {
  // a handful of values each: arrays with includes are cheaper than sets, in the same first-seen order
  const entities = entityKeys.slice()
  const rules: string[] = []
  const typologies: string[] = []
  for (const h of verdict.hits) {
    addOnce(entities, h.evidence.entity)
    addOnce(rules, h.rule)
    addOnce(typologies, h.typology)
  }
  // plain party ids too, so `?entity=ACC-1` finds alerts without knowing the key syntax
  if (record) {
    addOnce(entities, record.sender.id)
    addOnce(entities, record.receiver.id)
  }
  return { rules, typologies, entities }
}

function addOnce(list: string[], value: string | undefined): void {
  if (value && !list.includes(value)) list.push(value)
}
