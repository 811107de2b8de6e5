import { sql, type Selectable } from 'kysely'
import type { Case } from '../core/index.ts'
import { chunks, type Executor } from './db.ts'
import type { CaseTable } from './schema.ts'

/** a case as the core builds it, stored per batch */
export type CaseRow = Case

/** a stored case with where it came from and its place in `GET /v1/cases` (the cursor) */
export interface StoredCase {
  cursor: string
  batchId: string
  case: Case
}

/** Replaces a batch's cases (a resumed batch recomputes them); call inside the transaction that completes it. */
export async function replaceBatchCases(db: Executor, batchId: string, cases: readonly CaseRow[]): Promise<void> {
  await db.deleteFrom('cases').where('batch_id', '=', batchId).execute()
  for (const chunk of chunks(cases, 500)) {
    await db
      .insertInto('cases')
      .values(
        chunk.map((c) => ({
          case_id: c.id,
          batch_id: batchId,
          entity: c.entity,
          rules: c.rules,
          typologies: c.typologies,
          alerts: c.alerts,
          score: c.score,
          max_score: c.maxScore,
          decision: c.decision,
          transfers: JSON.stringify(c.transfers),
          evidence: JSON.stringify(c.evidence),
          first_seen: c.firstSeen,
          last_seen: c.lastSeen,
        })),
      )
      .execute()
  }
}

type Row = Pick<Selectable<CaseTable>, 'case_id' | 'entity' | 'rules' | 'typologies' | 'alerts' | 'score' | 'max_score' | 'decision' | 'transfers' | 'evidence' | 'first_seen' | 'last_seen'>

function toCase(r: Row): Case {
  return {
    id: r.case_id,
    entity: r.entity,
    rules: r.rules,
    typologies: r.typologies,
    alerts: r.alerts,
    score: r.score,
    maxScore: r.max_score,
    decision: r.decision,
    transfers: r.transfers,
    evidence: r.evidence,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
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
  return rows.map(toCase)
}

export interface CaseFilter {
  /** cases whose score (the sum over their alerts) is at least this */
  minScore?: number
  /** cases with an alerting transfer at or after this time (ISO 8601 in UTC) */
  since?: string
  typology?: string
}

/** Stored cases, oldest first, after the cursor (a row id); `limit` rows at most. */
export async function listCases(db: Executor, filter: CaseFilter, page: { after?: string; limit: number }): Promise<StoredCase[]> {
  let query = db.selectFrom('cases').selectAll().orderBy('id').limit(page.limit)
  if (page.after) query = query.where('id', '>', page.after)
  if (filter.minScore !== undefined) query = query.where('score', '>=', filter.minScore)
  if (filter.since) query = query.where('last_seen', '>=', filter.since)
  if (filter.typology) query = query.where(sql<boolean>`typologies @> array[${filter.typology}]::text[]`)
  const rows = await query.execute()
  return rows.map((r) => ({ cursor: String(r.id), batchId: r.batch_id, case: toCase(r) }))
}

/** one stored case by its stable id */
export async function getCase(db: Executor, caseId: string): Promise<StoredCase | undefined> {
  const r = await db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirst()
  return r && { cursor: String(r.id), batchId: r.batch_id, case: toCase(r) }
}
