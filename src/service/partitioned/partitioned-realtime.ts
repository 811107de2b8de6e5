import { isRouted, PartitionRouter, Screener, ScreeningError, type TransferRecord, type Verdict } from '../../core/index.ts'
import type { Db } from '../../store/db.ts'
import { appendEntityEvents, findStoredTransfer, pruneEntityEvents } from '../../store/realtime-store.ts'
import { findRealtimeVerdict } from '../../store/verdicts.ts'
import { NoActiveRulesetError, TransferInFlightError } from '../errors.ts'
import { NO_CALLER, prunesOn, type RealtimeReadiness, type RealtimeScreening, type ScreenResult } from '../realtime.ts'
import { keptFrom } from '../retention.ts'
import type { RulesetService } from '../rulesets.ts'
import { checkSameRecord } from '../same-record.ts'
import { shouldStore, toVerdictRow, type Owner, type StoreVerdicts } from '../verdict-rows.ts'
import type { PartitionAnswer, PartitionCall } from './partition-state.ts'

/** How the router reaches the partitions' state: Durable Object stubs on Workers, objects in the process in tests. */
export interface PartitionLink {
  screen(call: PartitionCall): Promise<PartitionAnswer>
  /** tells a partition to drop its state and rebuild it from the database */
  forget(partition: number): Promise<void>
}

/** What the router keeps per rule-set version: the core's router and merge, and a screener for the keys the history is stored under. */
interface Routing {
  router: PartitionRouter
  keys: Screener
}

/**
 * What the routers of every request share (a Worker makes a router per request): routing by rule-set version
 * and number of partitions, made once, and the active version as last read, with when.
 */
export class RoutingCache {
  readonly byVersion = new Map<string, Promise<Routing>>()
  active: { version: string; at: number } | undefined
}

// how stale the active rule-set pointer may be before it is read again (as memory mode)
const RULESET_CHECK_MS = 1000
const PRUNE_EVERY = 16
// a retry of a transfer whose first call is still writing it reads the record again this often, this long
const IN_FLIGHT_POLL_MS = 20
const IN_FLIGHT_WAIT_MS = 2000

/**
 * Real-time screening with the state held by partitions (Durable Objects) rather than replayed from the
 * database per call: the transfer goes to the partitions of the keys it touches, their hits merge into the
 * verdict, and the transfer and its verdict are appended to the history, the record the partitions rebuild
 * from. Plans are made once per rule-set version and number of partitions.
 */
export class PartitionedRealtime implements RealtimeScreening {
  readonly mode = 'objects' as const
  readonly #routing: RoutingCache

  constructor(
    private readonly deps: {
      db: Db
      rulesets: RulesetService
      storeVerdicts: StoreVerdicts
      link: PartitionLink
      partitions: number
      /** entity events past retention are pruned on one call in this many (chosen by transfer id); default 16 */
      pruneEvery?: number
      /** routing made so far, to share among routers (a Worker makes one per request) */
      routing?: RoutingCache
    },
  ) {
    this.#routing = deps.routing ?? new RoutingCache()
  }

  async screen(record: TransferRecord, caller: Owner = NO_CALLER): Promise<ScreenResult> {
    const { db, rulesets, link, partitions } = this.deps
    const version = await this.#activeVersion()
    const ruleset = await rulesets.compiled(db, version)
    const { router, keys: stateKeys } = await this.#routingOf(version, db)
    const routed = router.route({ ok: true, line: 0, record })
    // a currency without a rate is refused here, as a screener refuses it
    if (!isRouted(routed)) throw refusal(routed)
    const answers = await Promise.all(routed.partitions.map((partition) => link.screen({ partition, partitions, version, record })))
    const parts = answers.map((a) => ('hits' in a ? a.hits : undefined))
    if (parts.includes(undefined)) return this.#again(record, version)
    const verdict = router.verdict(record, parts as NonNullable<(typeof parts)[number]>[]) as Verdict
    const json = JSON.stringify(verdict)
    // the keys memory and database modes store the transfer under, so any mode can take over the history
    const keys = stateKeys.entityKeys(record)
    const at = Date.parse(record.timestamp)
    const event = { keys, eventId: record.id, occurredAt: new Date(at).toISOString(), record: JSON.stringify(record) }
    const row = shouldStore(verdict, this.deps.storeVerdicts)
      ? { ...toVerdictRow(verdict, { batchId: null, seq: null, line: null, ruleset: version, ...caller }, record, keys), outputJson: json }
      : undefined
    try {
      await appendEntityEvents(db, [event], row ? [row] : [])
    } catch (err) {
      // the partitions counted a transfer the record does not hold: they rebuild from what it holds
      await Promise.allSettled(routed.partitions.map((p) => link.forget(p)))
      throw err
    }
    if (prunesOn(record.id, this.deps.pruneEvery ?? PRUNE_EVERY)) await pruneEntityEvents(db, keys, keptFrom(ruleset, at))
    return { verdict, json }
  }

  readiness(): RealtimeReadiness {
    return { ready: true, state: 'objects' }
  }

  async close(): Promise<void> {}

  /**
   * The active version, read again once the last read is older than RULESET_CHECK_MS (as memory mode follows
   * activations), and then before anything else of the call: a request's one connection is never asked twice at once.
   */
  async #activeVersion(): Promise<string> {
    const known = this.#routing.active
    const now = Date.now()
    if (known && now - known.at <= RULESET_CHECK_MS) return known.version
    const version = await this.deps.rulesets.activeVersion(this.deps.db)
    if (!version) throw new NoActiveRulesetError()
    this.#routing.active = { version, at: now }
    return version
  }

  #routingOf(version: string, db: Db): Promise<Routing> {
    const id = `${version}\u0000${this.deps.partitions}`
    const byVersion = this.#routing.byVersion
    let routing = byVersion.get(id)
    if (!routing) {
      routing = this.deps.rulesets.compiled(db, version).then((ruleset) => ({ router: new PartitionRouter(ruleset, this.deps.partitions), keys: new Screener(ruleset) }))
      byVersion.set(id, routing)
      routing.catch(() => byVersion.delete(id))
    }
    return routing
  }

  /**
   * A partition holds the transfer already: a retry. The same body gets the stored verdict (clear when only
   * alerts are stored and none was), a different one a 409, as in memory mode. A retry racing the first call
   * (the partitions counted it, its write is under way) waits for that write, as memory mode waits for its commit.
   */
  async #again(record: TransferRecord, version: string): Promise<ScreenResult> {
    const db = this.deps.db
    let stored = await findStoredTransfer(db, record.id)
    for (let waited = 0; stored === undefined; waited += IN_FLIGHT_POLL_MS) {
      if (waited >= IN_FLIGHT_WAIT_MS) throw new TransferInFlightError(record.id)
      await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS))
      stored = await findStoredTransfer(db, record.id)
    }
    checkSameRecord(record, stored)
    const verdict: Verdict = ((await findRealtimeVerdict(db, record.id)) as Verdict | undefined) ?? { id: record.id, score: 0, decision: 'clear', hits: [], ruleset: version }
    return { verdict, json: JSON.stringify(verdict) }
  }
}

/** the router's error line for a record it cannot screen, as the error a screener throws */
function refusal(output: Exclude<ReturnType<PartitionRouter['route']>, { partitions: number[] }>): Error {
  if ('error' in output && output.error.code === 'no_rate') return new ScreeningError('no_rate', output.error.message, output.error.path)
  return new Error(`real-time record refused: ${JSON.stringify(output)}`)
}
