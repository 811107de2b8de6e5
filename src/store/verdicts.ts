import { sql, type Insertable } from 'kysely'
import { chunks, type Db, type Executor } from './db.ts'
import type { VerdictTable } from './schema.ts'

export type Decision = 'clear' | 'review' | 'block'

/** One screening output as stored: the verdict or line error itself plus the columns alerts are filtered on. */
export interface VerdictRow {
  batchId: string | null
  seq: number | null
  line: number | null
  recordId: string | null
  decision: Decision | null
  score: number | null
  ruleset: string
  output: unknown
  /** `output` already serialised, when the caller has it (real-time calls serialise a verdict once) */
  outputJson?: string
  rules: string[]
  typologies: string[]
  entities: string[]
  occurredAt: string | null
  tenant: string
  keyId: string | null
}

/**
 * The stored verdict columns as a VerdictRow fills them: the one list of them. `output` is passed in the
 * form the statement sends it (JSON text for an insert, left out of a JSON document that pastes it in).
 */
function columnsOf<Output>(r: VerdictRow, output: Output) {
  return {
    batch_id: r.batchId,
    seq: r.seq,
    line: r.line,
    record_id: r.recordId,
    decision: r.decision,
    score: r.score,
    ruleset: r.ruleset,
    output,
    rules: r.rules,
    typologies: r.typologies,
    entities: r.entities,
    occurred_at: r.occurredAt,
    tenant: r.tenant,
    key_id: r.keyId,
  }
}

function outputJson(r: VerdictRow): string {
  return r.outputJson ?? JSON.stringify(r.output)
}

/** The row's stored columns as insert values: every column but `created_at` (the database's clock), so a new column must be listed. */
function verdictValues(r: VerdictRow): Required<Omit<Insertable<VerdictTable>, 'created_at'>> {
  return columnsOf(r, outputJson(r))
}

export type VerdictColumn = keyof ReturnType<typeof columnsOf>

/** The stored verdict columns, in the order of `columnsOf`. */
export const VERDICT_COLUMNS = Object.keys(
  columnsOf({ batchId: null, seq: null, line: null, recordId: null, decision: null, score: null, ruleset: '', output: null, rules: [], typologies: [], entities: [], occurredAt: null, tenant: '', keyId: null }, null),
) as readonly VerdictColumn[]

/**
 * The row's stored columns as one JSON object, for a statement that sends many rows as one JSON document
 * (read back with `jsonb_populate_recordset(null::verdicts, ...)`): the output is pasted in as the JSON it
 * already is, after the other columns.
 */
export function verdictColumnsJson(r: VerdictRow): string {
  const rest = JSON.stringify(columnsOf(r, undefined))
  return `${rest.slice(0, -1)},"output":${outputJson(r)}}`
}

/** A real-time verdict's stored columns (no batch, seq or line; the output given as the JSON it already is). */
export interface RealtimeVerdictColumns {
  recordId: string
  decision: Decision
  score: number
  ruleset: string
  rules: readonly string[]
  typologies: readonly string[]
  entities: readonly string[]
  occurredAt: string
  tenant: string
  keyId: string | null
  outputJson: string
}

/**
 * The same text as `verdictColumnsJson` of such a row (same keys, same order), written directly: every
 * real-time call stores its verdict by default, and building the row object and walking it cost more.
 */
export function realtimeVerdictColumnsJson(c: RealtimeVerdictColumns): string {
  const q = JSON.stringify
  return (
    `{"batch_id":null,"seq":null,"line":null,"record_id":${q(c.recordId)},"decision":${q(c.decision)},"score":${q(c.score)},` +
    `"ruleset":${q(c.ruleset)},"rules":${q(c.rules)},"typologies":${q(c.typologies)},"entities":${q(c.entities)},` +
    `"occurred_at":${q(c.occurredAt)},"tenant":${q(c.tenant)},"key_id":${q(c.keyId)},"output":${c.outputJson}}`
  )
}

/**
 * Every transaction that writes verdicts holds this advisory lock (shared) until it ends, so the alerts feed
 * can tell which transactions may still add alerts (see `alertHorizon`). Its second half is the schema's hash:
 * deployments in other schemas of one database do not hold each other's feed back.
 */
export const ALERT_WRITERS_LOCK = 7_470_118
export const ALERT_WRITERS_LOCK_SQL = sql`pg_advisory_xact_lock_shared(${sql.lit(ALERT_WRITERS_LOCK)}, hashtext(current_schema()))`

/** Takes the alert writers' lock in the current transaction. */
export async function lockAsAlertWriter(db: Executor): Promise<void> {
  await sql`select ${ALERT_WRITERS_LOCK_SQL}`.execute(db)
}

/** Multi-row inserts in chunks, in one transaction; a (batch, seq) already stored is skipped, so a resumed batch adds no duplicates. */
export async function insertVerdicts(db: Db, rows: readonly VerdictRow[]): Promise<void> {
  if (rows.length === 0) return
  await db.transaction().execute(async (tx) => {
    await lockAsAlertWriter(tx)
    for (const chunk of chunks(rows, 500)) {
      await tx
        .insertInto('verdicts')
        .values(chunk.map(verdictValues))
        .onConflict((oc) => oc.columns(['batch_id', 'seq']).doNothing())
        .execute()
    }
  })
}

/**
 * The feed's horizon: the lowest transaction id of a transaction holding the alert writers' lock now, else the
 * next transaction id to be given out. Every alert of a transaction below it is committed (or never will be), and
 * every transaction that can still add one is at or above it. Read in a statement of its own, before the alerts:
 * a writer that ends in between is then seen by the read that follows.
 */
async function alertHorizon(db: Executor): Promise<string> {
  const { rows } = await sql<{ horizon: string }>`
    select coalesce(
      (select min(x) from pg_snapshot_xip(pg_current_snapshot()) as x
       where (x::text::bigint % 4294967296)::text in (
         select t.transactionid::text from pg_locks a join pg_locks t on t.virtualtransaction = a.virtualtransaction
         where a.locktype = 'advisory' and a.database = (select oid from pg_database where datname = current_database())
           and a.classid = ${sql.lit(ALERT_WRITERS_LOCK)} and a.objsubid = 2 and a.granted
           and a.objid::text::bigint = (hashtext(current_schema())::bigint & 4294967295)
           and t.locktype = 'transactionid')),
      pg_snapshot_xmax(pg_current_snapshot()))::text as horizon`.execute(db)
  return rows[0]!.horizon
}

/** A page of a batch's stored outputs in input order, after `afterSeq`; pages keep memory flat for any size. */
export async function batchOutputsPage(
  db: Executor,
  batchId: string,
  options: { afterSeq: number; limit: number; decisions?: readonly Decision[] },
): Promise<{ seq: number; output: unknown }[]> {
  let query = db
    .selectFrom('verdicts')
    .select(['seq', 'output'])
    .where('batch_id', '=', batchId)
    .where('seq', '>', options.afterSeq)
  if (options.decisions) query = query.where('decision', 'in', [...options.decisions])
  const rows = await query.orderBy('seq').limit(options.limit).execute()
  return rows.map((r) => ({ seq: r.seq ?? 0, output: r.output }))
}

export interface AlertFilter {
  rule?: string
  typology?: string
  entity?: string
  from?: string
  to?: string
  batchId?: string
  /** only this tenant's alerts */
  tenant?: string
}

/** A position in the alerts feed: the writing transaction's id and the row id, both below 2^63. */
export interface AlertCursor {
  tx: string
  id: string
}

export interface AlertRow {
  id: string
  cursor: AlertCursor
  batchId: string | null
  seq: number | null
  createdAt: string
  occurredAt: string | null
  output: unknown
}

/**
 * Review and block verdicts after the cursor, in the order of their transactions' ids, then row ids, `limit` rows
 * at most. Only rows below the horizon are read: a transaction that commits later can then only add rows after
 * the last cursor handed out, never before it, so polling from the last cursor misses nothing. (A verdict writer
 * left open holds the feed back until it ends.)
 */
export async function listAlerts(
  db: Executor,
  filter: AlertFilter,
  page: { after?: AlertCursor; limit: number },
): Promise<AlertRow[]> {
  let query = db
    .selectFrom('verdicts')
    .select(['id', sql<string>`tx::text`.as('tx'), 'batch_id', 'seq', 'created_at', 'occurred_at', 'output'])
    .where('decision', 'in', ['review', 'block'])
    .where(sql<boolean>`tx < ${await alertHorizon(db)}::xid8`)
  if (page.after) query = query.where(sql<boolean>`(tx, id) > (${page.after.tx}::xid8, ${page.after.id}::bigint)`)
  if (filter.rule) query = query.where(sql<boolean>`rules @> array[${filter.rule}]::text[]`)
  if (filter.typology) query = query.where(sql<boolean>`typologies @> array[${filter.typology}]::text[]`)
  if (filter.entity) query = query.where(sql<boolean>`entities @> array[${filter.entity}]::text[]`)
  if (filter.from) query = query.where('occurred_at', '>=', new Date(filter.from))
  if (filter.to) query = query.where('occurred_at', '<', new Date(filter.to))
  if (filter.batchId) query = query.where('batch_id', '=', filter.batchId)
  if (filter.tenant !== undefined) query = query.where('tenant', '=', filter.tenant)
  const rows = await query.orderBy('tx').orderBy('id').limit(page.limit).execute()
  return rows.map((r) => ({
    id: String(r.id),
    cursor: { tx: String(r.tx), id: String(r.id) },
    batchId: r.batch_id,
    seq: r.seq,
    createdAt: r.created_at.toISOString(),
    occurredAt: r.occurred_at?.toISOString() ?? null,
    output: r.output,
  }))
}

/** One of the tenant's stored alerts (a review or block verdict) by its row id, as a disposition marks it. */
export async function findAlert(
  db: Executor,
  tenant: string,
  id: string,
): Promise<{ recordId: string; rules: string[]; typologies: string[]; alertedAt: string } | undefined> {
  // row ids are bigints: anything longer is no row, not a database error
  if (!/^\d{1,18}$/.test(id)) return undefined
  const row = await db
    .selectFrom('verdicts')
    .select(['record_id', 'rules', 'typologies', 'occurred_at', 'created_at'])
    .where('id', '=', id)
    .where('tenant', '=', tenant)
    .where('decision', 'in', ['review', 'block'])
    .executeTakeFirst()
  if (!row || row.record_id === null) return undefined
  return { recordId: row.record_id, rules: row.rules, typologies: row.typologies, alertedAt: (row.occurred_at ?? row.created_at).toISOString() }
}

/** The verdict a real-time call stored for a transfer id, if it stored one. */
export async function findRealtimeVerdict(db: Executor, recordId: string): Promise<unknown> {
  const row = await db
    .selectFrom('verdicts')
    .select('output')
    .where('record_id', '=', recordId)
    .where('batch_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.output
}
