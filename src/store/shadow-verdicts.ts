import type { Executor } from './db.ts'

export interface ShadowVerdictRow {
  shadowId: string
  ruleset: string
  activeRuleset: string
  tenant: string
  keyId: string | null
  recordId: string
  decision: string
  score: number
  activeDecision: string
  activeScore: number
  /** the shadow's verdict as JSON */
  outputJson: string
}

/** Appends shadow verdicts, one statement for the lot. */
export async function insertShadowVerdicts(db: Executor, rows: readonly ShadowVerdictRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('shadow_verdicts')
    .values(
      rows.map((r) => ({
        shadow_id: r.shadowId,
        ruleset: r.ruleset,
        active_ruleset: r.activeRuleset,
        tenant: r.tenant,
        key_id: r.keyId,
        record_id: r.recordId,
        decision: r.decision,
        score: r.score,
        active_decision: r.activeDecision,
        active_score: r.activeScore,
        output: r.outputJson,
      })),
    )
    .execute()
}

/** A shadow run's stored verdicts for one tenant, oldest first (tests and tools). */
export async function listShadowVerdicts(db: Executor, shadowId: string, tenant: string): Promise<{ recordId: string; decision: string; activeDecision: string; output: unknown }[]> {
  const rows = await db
    .selectFrom('shadow_verdicts')
    .select(['record_id', 'decision', 'active_decision', 'output'])
    .where('shadow_id', '=', shadowId)
    .where('tenant', '=', tenant)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ recordId: r.record_id, decision: r.decision, activeDecision: r.active_decision, output: typeof r.output === 'string' ? JSON.parse(r.output) : r.output }))
}
