import type { TransferRecord, Verdict, Watchlists } from '../core/index.ts'
import { Screener } from '../core/index.ts'
import type { Db } from '../store/db.ts'
import { appendEntityEvents, loadEntityHistory, lockEntityKeys, pruneEntityEvents } from '../store/realtime-store.ts'
import { historyReachMs, keptFrom } from './retention.ts'
import type { RulesetService } from './rulesets.ts'
import { shouldStore, toVerdictRow, type StoreVerdicts } from './verdict-rows.ts'

const PRUNE_EVERY = 16

/** Whether the call for transfer `id` prunes: one call in `every`, chosen by the id, with no counter shared between processes. */
function prunesOn(id: string, every: number): boolean {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0
  return (h >>> 0) % every === 0
}

/**
 * Screens one transfer against the history of every entity it touches. All state lives in the
 * database: per-entity advisory locks serialise concurrent calls for the same entity across
 * processes, the entity's past transfers are replayed into a fresh screener, and the transfer is
 * appended under each key, with its verdict, in the same transaction.
 */
export async function screenRealtime(
  db: Db,
  rulesets: RulesetService,
  record: TransferRecord,
  options: { storeVerdicts: StoreVerdicts; watchlists?: Watchlists | undefined; pruneEvery?: number | undefined },
): Promise<ScreenResult> {
  return db.transaction().execute(async (tx) => {
    const ruleset = await rulesets.active(tx)
    const screener = new Screener(ruleset, options.watchlists ? { watchlists: options.watchlists } : {})
    const keys = screener.entityKeys(record).sort()
    await lockEntityKeys(tx, keys)
    const at = Date.parse(record.timestamp)
    const history = (await loadEntityHistory(tx, keys, at - historyReachMs(ruleset), at)) as TransferRecord[]
    // a retried call (same transfer id) is screened against the same past and not counted twice
    const retried = history.some((r) => r.id === record.id)
    const only = new Set(keys)
    for (const past of history) if (past.id !== record.id) screener.observe(past, only)
    const verdict = screener.screen(record)
    const json = JSON.stringify(verdict)
    if (!retried) {
      const event = { keys, eventId: record.id, occurredAt: new Date(at).toISOString(), record: JSON.stringify(record) }
      const row = shouldStore(verdict, options.storeVerdicts)
        ? { ...toVerdictRow(verdict, { batchId: null, seq: null, line: null, ruleset: ruleset.version }, record, keys), outputJson: json }
        : undefined
      await appendEntityEvents(tx, [event], row ? [row] : [])
      // housekeeping on one call in `pruneEvery` (chosen by transfer id) saves a round trip on the others
      if (prunesOn(record.id, options.pruneEvery ?? PRUNE_EVERY)) await pruneEntityEvents(tx, keys, keptFrom(ruleset, at))
    }
    return { verdict, json }
  })
}

/** A verdict with its JSON, serialised once for the response and the stored row. */
export interface ScreenResult {
  verdict: Verdict
  json: string
}

/** Where a process keeps the real-time screening state (TXSCREEN_REALTIME_STATE). */
export type RealtimeStateMode = 'memory' | 'database'

export interface RealtimeReadiness {
  ready: boolean
  /** `warm`: screening from memory; `warming`: loading history; `failed`: the last warm-up failed (retried on demand); `database`: state in the database */
  state: 'warm' | 'warming' | 'failed' | 'database'
}

/** Real-time screening of one transfer at a time, whatever keeps the state. */
export interface RealtimeScreening {
  readonly mode: RealtimeStateMode
  screen(record: TransferRecord): Promise<ScreenResult>
  readiness(): RealtimeReadiness
  /** resolves when the state for the active rule set is warm (the previous one answers meanwhile); none in database mode */
  start?(): Promise<void>
  /** stops taking calls and waits until every accepted call's rows are committed */
  close(): Promise<void>
}

/** All state in the database, replayed per call: for several processes on one database, and Workers. */
export class DatabaseRealtime implements RealtimeScreening {
  readonly mode = 'database' as const

  constructor(
    private readonly deps: {
      db: Db
      rulesets: RulesetService
      storeVerdicts: StoreVerdicts
      watchlists: () => Watchlists | undefined
      /** entity events past retention are pruned on one call in this many (chosen by transfer id); default 16 */
      pruneEvery?: number
    },
  ) {}

  async screen(record: TransferRecord): Promise<ScreenResult> {
    return screenRealtime(this.deps.db, this.deps.rulesets, record, {
      storeVerdicts: this.deps.storeVerdicts,
      watchlists: this.deps.watchlists(),
      pruneEvery: this.deps.pruneEvery,
    })
  }

  readiness(): RealtimeReadiness {
    return { ready: true, state: 'database' }
  }

  async close(): Promise<void> {}
}
