import type { TransferRecord, Verdict, Watchlists } from '../core/index.ts'
import { Screener } from '../core/index.ts'
import type { Db } from '../store/db.ts'
import { appendEntityEvents, findStoredTransfer, loadEntityHistory, lockEntityKeys, pruneEntityEvents, type EntityEvent } from '../store/realtime-store.ts'
import { findRealtimeVerdict } from '../store/verdicts.ts'
import { checkSameRecord } from './same-record.ts'
import { historyReachMs, keptFrom } from './retention.ts'
import type { RulesetService } from './rulesets.ts'
import { shouldStore, toVerdictRow, type Owner, type StoreVerdicts } from './verdict-rows.ts'
import { DEFAULT_TENANT } from '../store/api-keys.ts'
import type { ShadowRunner } from './shadow-runner.ts'

const PRUNE_EVERY = 16

/** Whether the call for transfer `id` prunes: one call in `every`, chosen by the id, with no counter shared between processes. */
export function prunesOn(id: string, every: number): boolean {
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
  options: { storeVerdicts: StoreVerdicts; watchlists?: Watchlists | undefined; pruneEvery?: number | undefined; caller?: Owner; keepHistory?: boolean | undefined },
): Promise<ScreenResult> {
  return db.transaction().execute(async (tx) => {
    const ruleset = await rulesets.active(tx)
    const screener = new Screener(ruleset, options.watchlists ? { watchlists: options.watchlists } : {})
    const keys = screener.entityKeys(record).sort()
    // the transfer id is locked too, so two calls with one id and different parties cannot both append
    await lockEntityKeys(tx, [...keys, `transfer:${record.id}`])
    const earlier = await findStoredTransfer(tx, record.id)
    const retried = earlier !== undefined
    if (retried) {
      // the same id again: a different body is refused, the same one gets the stored verdict
      checkSameRecord(record, earlier)
      const stored = (await findRealtimeVerdict(tx, record.id)) as Verdict | undefined
      if (stored) return { verdict: stored, json: JSON.stringify(stored) }
    }
    const at = Date.parse(record.timestamp)
    const history = (await loadEntityHistory(tx, keys, at - historyReachMs(ruleset), at)) as TransferRecord[]
    // a retry whose verdict was not stored (a clear, with only alerts kept) is screened against the same past, not counted twice
    const only = new Set(keys)
    for (const past of history) if (past.id !== record.id) screener.observe(past, only)
    const verdict = screener.screen(record)
    const json = JSON.stringify(verdict)
    if (!retried) {
      const event: EntityEvent = { keys, eventId: record.id, occurredAt: new Date(at).toISOString(), record: JSON.stringify(record) }
      // kept in the caller's tenant's history for backtests unless that is off
      if (options.keepHistory !== false) event.tenant = (options.caller ?? NO_CALLER).tenant
      const row = shouldStore(verdict, options.storeVerdicts)
        ? { ...toVerdictRow(verdict, { batchId: null, seq: null, line: null, ruleset: ruleset.version, ...(options.caller ?? NO_CALLER) }, record, keys), outputJson: json }
        : undefined
      await appendEntityEvents(tx, [event], row ? [row] : [])
      // housekeeping on one call in `pruneEvery` (chosen by transfer id) saves a round trip on the others
      if (prunesOn(record.id, options.pruneEvery ?? PRUNE_EVERY)) await pruneEntityEvents(tx, keys, keptFrom(ruleset, at))
    }
    return { verdict, json }
  })
}

/** the owner of real-time rows screened outside a request (tests, tools) */
export const NO_CALLER: Owner = { tenant: DEFAULT_TENANT, keyId: null }

/** A verdict with its JSON, serialised once for the response and the stored row. */
export interface ScreenResult {
  verdict: Verdict
  json: string
}

/** Where a process keeps the real-time screening state (TXSCREEN_REALTIME_STATE). */
export type RealtimeStateMode = 'memory' | 'database'

export interface RealtimeReadiness {
  ready: boolean
  /** `warm`: screening from memory; `warming`: loading history; `failed`: the last warm-up failed (retried on demand); `database`: state in the database; `objects`: state in partition objects (Workers) */
  state: 'warm' | 'warming' | 'failed' | 'database' | 'objects'
}

/** Real-time screening of one transfer at a time, whatever keeps the state. */
export interface RealtimeScreening {
  /** where the state is; `objects`: Durable Objects, each holding a partition (src/service/partitioned/) */
  readonly mode: RealtimeStateMode | 'objects'
  /**
   * screens one transfer; its verdict row records the caller's key and tenant. `recordJson`: the record's JSON when
   * the caller has it already (a body that holds exactly the record), stored for it instead of making it again
   */
  screen(record: TransferRecord, caller?: Owner, recordJson?: string): Promise<ScreenResult>
  readiness(): RealtimeReadiness
  /** resolves when the state for the active rule set is warm (the previous one answers meanwhile); none in database mode */
  start?(): Promise<void>
  /** stops taking calls and waits until every accepted call's rows are committed */
  close(): Promise<void>
  /** the shadow rule set beside the active one; in memory mode only */
  readonly shadow?: ShadowRunner
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
      /** keep each transfer in its tenant's history for backtests; default true */
      keepHistory?: boolean
    },
  ) {}

  async screen(record: TransferRecord, caller: Owner = NO_CALLER): Promise<ScreenResult> {
    return screenRealtime(this.deps.db, this.deps.rulesets, record, {
      storeVerdicts: this.deps.storeVerdicts,
      watchlists: this.deps.watchlists(),
      pruneEvery: this.deps.pruneEvery,
      caller,
      keepHistory: this.deps.keepHistory,
    })
  }

  readiness(): RealtimeReadiness {
    return { ready: true, state: 'database' }
  }

  async close(): Promise<void> {}
}
