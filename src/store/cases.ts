import { sql, type Selectable } from 'kysely'
import { MAX_CASE_EVIDENCE, MAX_CASE_TRANSFERS, type Case, type Verdict } from '../core/index.ts'
import { chunks, type Executor } from './db.ts'
import type { CaseTable, DispositionOutcome } from './schema.ts'

/** a case as the core builds it, stored per batch */
export type CaseRow = Case

/** a stored case with where it came from and its place in `GET /v1/cases` (the cursor) */
export interface StoredCase {
  cursor: string
  /** null for a case of real-time alerts */
  batchId: string | null
  case: Case
}

/** Replaces a batch's cases (a resumed batch recomputes them); call inside the transaction that completes it. */
export async function replaceBatchCases(db: Executor, batchId: string, tenant: string, cases: readonly CaseRow[]): Promise<void> {
  await db.deleteFrom('cases').where('batch_id', '=', batchId).execute()
  for (const chunk of chunks(cases, 500)) {
    await db
      .insertInto('cases')
      .values(
        chunk.map((c) => ({ case_id: c.id, batch_id: batchId, tenant, ...caseValues(c) })),
      )
      .execute()
  }
}

type Row = Pick<Selectable<CaseTable>, 'case_id' | 'entity' | 'rules' | 'typologies' | 'alerts' | 'score' | 'max_score' | 'decision' | 'transfers' | 'evidence' | 'first_seen' | 'last_seen'>

function caseValues(c: Case) {
  return {
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
  }
}

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
  /** by the latest disposition of the case: open when it has none */
  status?: 'open' | DispositionOutcome
}

/** The tenant's stored cases, oldest first, after the cursor (a row id); `limit` rows at most. */
export async function listCases(db: Executor, tenant: string, filter: CaseFilter, page: { after?: string; limit: number }): Promise<StoredCase[]> {
  let query = db.selectFrom('cases').selectAll().where('tenant', '=', tenant).orderBy('id').limit(page.limit)
  if (page.after) query = query.where('id', '>', page.after)
  if (filter.minScore !== undefined) query = query.where('score', '>=', filter.minScore)
  if (filter.since) query = query.where('last_seen', '>=', filter.since)
  if (filter.typology) query = query.where(sql<boolean>`typologies @> array[${filter.typology}]::text[]`)
  if (filter.status) {
    const latest = sql<string | null>`(select d.outcome from dispositions d where d.tenant = cases.tenant and d.target_kind = 'case' and d.target_id = cases.case_id order by d.id desc limit 1)`
    query = query.where(filter.status === 'open' ? sql<boolean>`${latest} is null` : sql<boolean>`${latest} = ${filter.status}`)
  }
  const rows = await query.execute()
  return rows.map((r) => ({ cursor: String(r.id), batchId: r.batch_id, case: toCase(r) }))
}

/** one of the tenant's stored cases by its stable id */
export async function getCase(db: Executor, tenant: string, caseId: string): Promise<StoredCase | undefined> {
  const r = await db.selectFrom('cases').selectAll().where('case_id', '=', caseId).where('tenant', '=', tenant).executeTakeFirst()
  return r && { cursor: String(r.id), batchId: r.batch_id, case: toCase(r) }
}

/** the tenant's stored review and block verdicts among `ids` of a batch's transfers, or of real-time calls when `batchId` is null */
export async function alertingVerdicts(db: Executor, tenant: string, batchId: string | null, ids: readonly string[]): Promise<Map<string, Verdict>> {
  const found = new Map<string, Verdict>()
  for (const chunk of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('verdicts')
      .select(['record_id', 'output'])
      .where('tenant', '=', tenant)
      .where('batch_id', batchId === null ? 'is' : '=', batchId)
      .where('record_id', 'in', chunk)
      .where('decision', 'in', ['review', 'block'])
      .execute()
    for (const r of rows) found.set(r.record_id!, r.output as Verdict)
  }
  return found
}

/** a stored case without its transfer and evidence lists */
export type CaseHead = Omit<Case, 'transfers' | 'evidence'>

/**
 * The tenant's real-time cases of these entities still open (with an alert at or after `openSince`, ISO 8601),
 * without their transfer and evidence lists: the roll-up appends to those inside the database (`appendToRealtimeCases`).
 */
export async function openRealtimeCaseHeads(db: Executor, tenant: string, entities: readonly string[], openSince: string): Promise<CaseHead[]> {
  const found: CaseHead[] = []
  for (const chunk of chunks(entities, 500)) {
    const rows = await db
      .selectFrom('cases')
      .select(['case_id', 'entity', 'rules', 'typologies', 'alerts', 'score', 'max_score', 'decision', 'first_seen', 'last_seen'])
      .where('tenant', '=', tenant)
      .where('batch_id', 'is', null)
      .where('entity', 'in', chunk)
      .where('last_seen', '>=', openSince)
      .execute()
    for (const r of rows) {
      found.push({ id: r.case_id, entity: r.entity, rules: r.rules, typologies: r.typologies, alerts: r.alerts, score: r.score, maxScore: r.max_score, decision: r.decision, firstSeen: r.first_seen, lastSeen: r.last_seen })
    }
  }
  return found
}

/**
 * Updates the tenant's stored real-time cases from cases resumed without their lists (`CaseBook.resumeWithoutLists`):
 * counts, scores, rules, decision and times as given; the given transfers appended to the stored ones and the
 * given evidence ids not stored yet appended to the evidence, each list then cut to its cap, as a case built
 * whole would hold. One statement for up to 500 cases; the lists never leave the database.
 */
export async function appendToRealtimeCases(db: Executor, tenant: string, cases: readonly Case[]): Promise<void> {
  for (const chunk of chunks(cases, 500)) {
    const rows = JSON.stringify(
      chunk.map((c) => ({
        case_id: c.id, rules: c.rules, typologies: c.typologies, alerts: c.alerts, score: c.score, max_score: c.maxScore, decision: c.decision,
        transfers: c.transfers, evidence: c.evidence, first_seen: c.firstSeen, last_seen: c.lastSeen,
      })),
    )
    await sql`
      update cases c set
        rules = d.rules, typologies = d.typologies, alerts = d.alerts, score = d.score, max_score = d.max_score,
        decision = d.decision, first_seen = d.first_seen, last_seen = d.last_seen,
        transfers = (
          select coalesce(jsonb_agg(t order by o), '[]'::jsonb)
          from jsonb_array_elements(c.transfers || d.transfers) with ordinality as x(t, o)
          where o <= ${sql.lit(MAX_CASE_TRANSFERS)}
        ),
        evidence = (
          select coalesce(jsonb_agg(e order by o), '[]'::jsonb)
          from (
            select e, min(o) as o from jsonb_array_elements(c.evidence || d.evidence) with ordinality as x(e, o)
            group by e order by min(o) limit ${sql.lit(MAX_CASE_EVIDENCE)}
          ) as first_named
        )
      from jsonb_to_recordset(${rows}::jsonb) as d(
        case_id text, rules text[], typologies text[], alerts integer, score double precision, max_score double precision,
        decision text, transfers jsonb, evidence jsonb, first_seen text, last_seen text
      )
      where c.case_id = d.case_id and c.tenant = ${tenant} and c.batch_id is null`.execute(db)
  }
}

/**
 * Writes real-time cases, one statement for up to 500: a case already stored is updated in place (it keeps its
 * place in the cursor order), a new one is added after the others in the order given. A case id of another
 * tenant is never overwritten.
 */
export async function saveRealtimeCases(db: Executor, tenant: string, cases: readonly Case[]): Promise<void> {
  for (const chunk of chunks(cases, 500)) {
    const values = chunk.map(caseValues)
    await db
      .insertInto('cases')
      .values(values.map((v, i) => ({ case_id: chunk[i]!.id, batch_id: null, tenant, ...v })))
      .onConflict((oc) =>
        oc
          .column('case_id')
          // every column caseValues writes, from the row that conflicted
          .doUpdateSet((eb) => Object.fromEntries(Object.keys(values[0]!).map((column) => [column, eb.ref(`excluded.${column}` as 'excluded.entity')])) as never)
          .where('cases.tenant', '=', tenant),
      )
      .execute()
  }
}
