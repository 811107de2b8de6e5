import type { Case } from '../core/index.ts'
import { chunks, type Executor } from './db.ts'

/** a case as the core builds it, stored per batch */
export type CaseRow = Case

/** Replaces a batch's cases (a resumed batch recomputes them); call inside the transaction that completes it. */
export async function replaceBatchCases(db: Executor, batchId: string, cases: readonly CaseRow[]): Promise<void> {
  await db.deleteFrom('cases').where('batch_id', '=', batchId).execute()
  for (const chunk of chunks(cases, 500)) {
    await db
      .insertInto('cases')
      .values(
        chunk.map((c) => ({
          batch_id: batchId,
          entity: c.entity,
          rules: c.rules,
          typologies: c.typologies,
          alerts: c.alerts,
          score: c.score,
          max_score: c.maxScore,
          decision: c.decision,
          transfers: JSON.stringify(c.transfers),
          first_seen: c.firstSeen,
          last_seen: c.lastSeen,
        })),
      )
      .execute()
  }
}

export async function listBatchCases(db: Executor, batchId: string): Promise<CaseRow[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('score', 'desc')
    .orderBy('entity')
    .execute()
  return rows.map((r) => ({
    entity: r.entity,
    rules: r.rules,
    typologies: r.typologies,
    alerts: r.alerts,
    score: r.score,
    maxScore: r.max_score,
    decision: r.decision,
    transfers: r.transfers,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }))
}
