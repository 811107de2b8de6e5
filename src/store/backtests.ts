import { sql, type Selectable } from 'kysely'
import type { Executor } from './db.ts'
import type { BacktestStatus, BacktestTable } from './schema.ts'

/** What a backtest replays: the tenant's kept records in a time range, of one source, the latest `limit` of them. */
export interface BacktestParams {
  from?: string | undefined
  to?: string | undefined
  source?: string | undefined
  limit?: number | undefined
  /** changed transfers shown per kind */
  sample: number
}

export interface BacktestInfo {
  id: string
  tenant: string
  status: BacktestStatus
  base: string
  candidate: string
  params: BacktestParams
  progress: { records: number; total: number }
  report: unknown
  error: { code: string; message: string } | null
  createdBy: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export async function createBacktest(
  db: Executor,
  input: { id: string; tenant: string; base: string; candidate: string; params: BacktestParams; createdBy: string },
): Promise<BacktestInfo> {
  const row = await db
    .insertInto('backtests')
    .values({
      id: input.id,
      tenant: input.tenant,
      status: 'queued',
      base: input.base,
      candidate: input.candidate,
      params: JSON.stringify(input.params),
      progress: JSON.stringify({ records: 0, total: 0 }),
      created_by: input.createdBy,
      heartbeat_at: sql<Date>`now()`,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toInfo(row)
}

/** The tenant's backtest, or undefined (another tenant's is not found either). */
export async function getBacktest(db: Executor, tenant: string, id: string): Promise<BacktestInfo | undefined> {
  const row = await db.selectFrom('backtests').selectAll().where('id', '=', id).where('tenant', '=', tenant).executeTakeFirst()
  return row && toInfo(row)
}

/** The tenant's backtests of a candidate version, newest first. */
export async function listBacktests(db: Executor, tenant: string, candidate: string, limit: number): Promise<BacktestInfo[]> {
  const rows = await db
    .selectFrom('backtests')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('candidate', '=', candidate)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toInfo)
}

export async function startBacktestRow(db: Executor, id: string, total: number): Promise<void> {
  await db
    .updateTable('backtests')
    .set({ status: 'running', started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()`, progress: JSON.stringify({ records: 0, total }) })
    .where('id', '=', id)
    .execute()
}

/** Saves how far it got; also the heartbeat that tells a live backtest from one a stopped process left. */
export async function saveBacktestProgress(db: Executor, id: string, progress: { records: number; total: number }): Promise<void> {
  await db.updateTable('backtests').set({ progress: JSON.stringify(progress), heartbeat_at: sql<Date>`now()` }).where('id', '=', id).execute()
}

export async function finishBacktest(
  db: Executor,
  id: string,
  end: { status: 'done'; report: unknown; progress: { records: number; total: number } } | { status: 'failed'; error: { code: string; message: string } },
): Promise<void> {
  await db
    .updateTable('backtests')
    .set({
      status: end.status,
      finished_at: sql<Date>`now()`,
      ...(end.status === 'done' ? { report: JSON.stringify(end.report), progress: JSON.stringify(end.progress) } : { error: JSON.stringify(end.error) }),
    })
    .where('id', '=', id)
    .execute()
}

/** why a backtest failed when its server stopped (or died) before it ended */
export const INTERRUPTED = { code: 'interrupted', message: 'the server stopped before the backtest ended; start it again' }

/** Marks failed the backtests whose process stopped beating more than `staleAfterMs` ago; returns their ids. */
export async function failStaleBacktests(db: Executor, staleAfterMs: number): Promise<string[]> {
  const rows = await db
    .updateTable('backtests')
    .set({ status: 'failed', finished_at: sql<Date>`now()`, error: JSON.stringify(INTERRUPTED) })
    .where('status', 'in', ['queued', 'running'])
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleAfterMs / 1000})`)
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

function toInfo(r: Selectable<BacktestTable>): BacktestInfo {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)
  return {
    id: r.id,
    tenant: r.tenant,
    status: r.status,
    base: r.base,
    candidate: r.candidate,
    params: r.params as unknown as BacktestParams,
    progress: r.progress,
    report: r.report ?? null,
    error: r.error,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  }
}
