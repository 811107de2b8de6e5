import { InProcessEngine, Screener, validateRecord, type CompiledRuleset, type ParsedLine, type Watchlists } from '../core/index.ts'
import { parseLabels } from '../eval/labels.ts'
import { pairedOutputs } from '../eval/paired-outputs.ts'
import { RulesetDiff } from '../eval/ruleset-diff.ts'
import { finishBacktest, INTERRUPTED, saveBacktestProgress, startBacktestRow, type BacktestInfo } from '../store/backtests.ts'
import type { Db } from '../store/db.ts'
import { dispositionLabels } from '../store/dispositions.ts'
import { historyPage, historyStart, latestHistoryId, type HistoryCursor, type HistoryRange } from '../store/screened-records.ts'
import { ServiceStopping } from './background.ts'
import type { ServiceDeps } from './deps.ts'

const PAGE_ROWS = 1_000
const PROGRESS_EVERY = 2_000

/**
 * Runs a backtest: the tenant's kept records in the asked range, oldest first, screened by the base and the
 * candidate version side by side into the report `txscreen rules diff --json` gives (the same RulesetDiff), with
 * the tenant's dispositions as labels. Progress is saved as it goes; the report when done.
 */
export async function runBacktest(deps: ServiceDeps, job: BacktestInfo, signal?: AbortSignal): Promise<void> {
  const { db } = deps
  try {
    // the rows there now: records screened meanwhile are not part of it, so both sides read the same ones
    const range: HistoryRange = { tenant: job.tenant, from: job.params.from, to: job.params.to, source: job.params.source, upTo: await latestHistoryId(db) }
    const { start, total } = await historyStart(db, range, job.params.limit)
    await startBacktestRow(db, job.id, total)
    const base = await deps.rulesets.compiled(db, job.base)
    const candidate = await deps.rulesets.compiled(db, job.candidate)
    const labels = parseLabels(await dispositionLabels(db, job.tenant))
    const diff = new RulesetDiff({ base: base.version, candidate: candidate.version }, labels.size > 0 ? labels : undefined, job.params.sample)
    const watchlists = deps.lists?.current()
    const screen = (ruleset: CompiledRuleset) => new InProcessEngine(screenerFor(ruleset, watchlists)).screen(replay(db, range, start))
    let records = 0
    signal?.throwIfAborted()
    for await (const [b, c] of pairedOutputs(screen(base), screen(candidate))) {
      // a stopping service does not wait for the rest
      signal?.throwIfAborted()
      diff.add(b, c)
      if (++records % PROGRESS_EVERY === 0) await saveBacktestProgress(db, job.id, { records, total })
    }
    signal?.throwIfAborted()
    await finishBacktest(db, job.id, { status: 'done', report: diff.report(), progress: { records, total } })
  } catch (err) {
    if (signal?.aborted && signal.reason instanceof ServiceStopping) {
      // the service stopped: the backtest ends at once, failed, and can be started again
      await finishBacktest(db, job.id, { status: 'failed', error: INTERRUPTED }).catch(() => {})
      throw err
    }
    // a process that dies leaves it running; the sweep marks it failed once its heartbeat is stale
    if (signal?.aborted) throw err
    const code = (err as { code?: unknown })?.code
    const error = { code: typeof code === 'string' ? code : 'backtest_failed', message: err instanceof Error ? err.message : String(err) }
    await finishBacktest(db, job.id, { status: 'failed', error }).catch(() => {})
    throw err
  }
}

function screenerFor(ruleset: CompiledRuleset, watchlists: Watchlists | undefined): Screener {
  return new Screener(ruleset, watchlists ? { watchlists } : {})
}

/** The range's kept records as decoded lines, a page at a time, checked as an input line is. */
async function* replay(db: Db, range: HistoryRange, start: HistoryCursor | undefined): AsyncGenerator<ParsedLine[]> {
  let after: HistoryCursor | undefined
  let line = 0
  for (;;) {
    const page = await historyPage(db, range, after ? { after } : { start }, PAGE_ROWS)
    if (page.length === 0) return
    yield page.map((row) => validateRecord(row.record, ++line))
    if (page.length < PAGE_ROWS) return
    after = page[page.length - 1]!.cursor
    // PGlite answers through promises alone: a real turn of the event loop lets other requests in
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}
