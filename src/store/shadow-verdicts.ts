import { CompiledQuery } from 'kysely'
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

/** rows a statement at most: 11 parameters a row, under PostgreSQL's 65,535 a statement */
const ROWS_A_STATEMENT = 1000
const COLUMNS = 'shadow_id, ruleset, active_ruleset, tenant, key_id, record_id, decision, score, active_decision, active_score, output'
/** the statement's text by its number of rows, the last one made: a flush of the same size reuses it */
let lastText: { rows: number; text: string } | undefined

/**
 * Appends shadow verdicts, a statement a thousand rows. The statement is written here rather than by the query
 * builder, whose walk over 11 values a row cost about 10 µs a row (bench/shadow-child.ts, BENCHMARKS.md shadow26):
 * the same text, `insert … values ($1, …), …`, the parameters typed by their columns.
 */
export async function insertShadowVerdicts(db: Executor, rows: readonly ShadowVerdictRow[]): Promise<void> {
  for (let from = 0; from < rows.length; from += ROWS_A_STATEMENT) {
    const part = rows.slice(from, from + ROWS_A_STATEMENT)
    const params: unknown[] = []
    for (const r of part) params.push(r.shadowId, r.ruleset, r.activeRuleset, r.tenant, r.keyId, r.recordId, r.decision, r.score, r.activeDecision, r.activeScore, r.outputJson)
    await db.executeQuery(CompiledQuery.raw(insertText(part.length), params))
  }
}

function insertText(rows: number): string {
  if (lastText?.rows === rows) return lastText.text
  const values: string[] = []
  for (let i = 0; i < rows; i++) values.push(`(${Array.from({ length: 11 }, (_, c) => `$${i * 11 + c + 1}`).join(', ')})`)
  lastText = { rows, text: `insert into shadow_verdicts (${COLUMNS}) values ${values.join(', ')}` }
  return lastText.text
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
