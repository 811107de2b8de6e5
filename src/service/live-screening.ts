import { Screener, ScreeningError, systemClock, type Clock, type CompiledRuleset, type Hit, type TransferRecord, type Verdict, type Watchlists } from '../core/index.ts'
import type { Db } from '../store/db.ts'
import { findStoredTransfer, latestEventTime, loadEventPage, pruneEventsBefore, type EntityEvent } from '../store/realtime-store.ts'
import { findRealtimeVerdict } from '../store/verdicts.ts'
import { NoActiveRulesetError } from './errors.ts'
import type { ListHolder } from './lists.ts'
import { NO_CALLER, type RealtimeReadiness, type RealtimeScreening, type ScreenResult } from './realtime.ts'
import type { RulesetService } from './rulesets.ts'
import { RecentMap } from './recent-map.ts'
import { replayEvents } from './replay-events.ts'
import { checkSameRecord } from './same-record.ts'
import { SeenIds } from './seen-ids.ts'
import { ShadowRunner } from './shadow-runner.ts'
import type { ShadowThreadFactory } from './shadow-thread-port.ts'
import { keptFrom } from './retention.ts'
import { SlowCommits } from './slow-commits.ts'
import { realtimeVerdictRowJson, shouldStore, type Owner, type StoreVerdicts } from './verdict-rows.ts'
import { clearVerdictJson, plainClear, verdictJson } from './verdict-json.ts'
import { GroupWriter, WriterOverloadedError } from './write-behind.ts'

const PRUNE_ROWS = 10_000
const SLOW_COMMIT_REPORT_MS = 10_000
/** about 5 ms of screening on this machine's generated traffic (BENCHMARKS.md, session srv28) */
const HOLD_AT_MOST = 32

export interface LiveScreeningOptions {
  storeVerdicts: StoreVerdicts
  lists?: ListHolder | undefined
  /** verdicts of the latest transfers kept to answer their retries without the database; default 200,000 (older ones are read back) */
  recentIds?: number
  /** how stale the active rule-set pointer may be before it is read again in the background; default 1 s */
  rulesetCheckMs?: number
  /**
   * group commit: wait this long for more calls when idle (default 1 ms), at most this many rows a flush (4,000),
   * this many flushes under way at once (default 1: calls arriving meanwhile fill the next flush)
   */
  flushDelayMs?: number
  flushMaxRows?: number
  flushesInFlight?: number
  /** rows waiting for the database at most before calls are refused (default 100,000) */
  maxQueuedRows?: number
  /** delete entity events no window can reach, at most this often (default 60 s), off the request path */
  pruneEveryMs?: number
  /** a group-commit flush this slow is logged (the first at once, later ones summed up every 10 s); default 100 ms */
  slowCommitMs?: number
  log?: (message: string) => void
  /** told each committed group-commit flush's seconds (metrics) */
  onFlushed?: (seconds: number) => void
  /** when pruning is due and how long a warm-up took; the system clock by default */
  clock?: Clock
  /** keep each transfer in its tenant's history for backtests (TXSCREEN_HISTORY_RETENTION_DAYS > 0); default true */
  keepHistory?: boolean
  /** calls waiting for a shadow rule set at most before they are dropped (default 30,000) */
  shadowMaxQueued?: number
  /** runs a shadow rule set's screening on another thread (the Node adapter's); on the event loop without */
  shadowThread?: ShadowThreadFactory
  /** on a thread: how long settled calls wait to be posted at most (default 50 ms), and how many are posted at once at most (64) */
  shadowPostEveryMs?: number
  shadowPostBatch?: number
  /** true while the server is busy: the shadow then holds its calls in its queue (ShadowOptions.busy) */
  shadowBusy?: () => boolean
  /**
   * Runs a function once the event loop has taken in the I/O at hand (Node's `setImmediate`). Given, the calls that
   * arrive in one turn are screened one after another at its end rather than each between other requests' HTTP and
   * JSON work, so the rules' code and data stay in the CPU's caches (BENCHMARKS.md, session rt27); without it each
   * call is screened as it comes.
   */
  afterIo?: (run: () => void) => void
  /**
   * With `afterIo`: calls held for a flush that is due (screened just before it) at most; past that the end of a turn
   * screens them, so one batch never blocks the event loop for long (a flush stalled on the disk would otherwise
   * collect every call that came meanwhile). Default 32.
   */
  holdAtMost?: number
}

/** The live state for one rule-set version and one set of lists. */
interface LiveState {
  version: string | undefined
  watchlists: Watchlists | undefined
  ruleset: CompiledRuleset | undefined
  screener: Screener | undefined
  warm: boolean
  failed: boolean
  ready: Promise<void>
  /** latest transfer time seen */
  latest: number
  /** transfers screened on the previous state while this one warmed: replayed into it before it takes over */
  catchUp: TransferRecord[]
  /** transfers taken into this state: replayed at warm-up, then screened */
  transfers: number
}

/** a call taken in, waiting to be screened with the others of its turn or flush */
interface HeldCall {
  record: TransferRecord
  caller: Owner
  /** the record's JSON when the caller had it, else made when it is written */
  recordJson: string | undefined
  resolve(result: ScreenResult): void
  reject(err: unknown): void
}

/** a transfer screened into the state, its JSON and write still to come */
interface Taken {
  hits: Hit[]
  verdict: Verdict
  keys: string[]
  /** its time, epoch ms */
  at: number
}

/** a call whose transfer id was seen before: answered as a retry (`#again`) */
const AGAIN = Symbol('again')

/**
 * A transfer id this process has screened lately: its verdict as JSON (kept small: a retry is rare, and parsing
 * it then is cheap), and its write until that is committed. A clear verdict without hits (most calls) keeps no
 * JSON: it is made again from the id and `ruleset` (`clearVerdictJson`) should a retry come, so the 200,000 kept
 * answers hold one string each fewer.
 */
interface Recent {
  json: string | undefined
  ruleset: string
  durable: Promise<void> | undefined
}

/**
 * Real-time screening from state kept in this process: one long-lived screener for the active rule set,
 * warmed from the database's entity events at start (and when the rule set or the lists change). A call is
 * screened synchronously, with no await between reading and updating the state, so calls never race; its
 * rows then go to a group-commit writer, and the answer waits until they are committed.
 *
 * This assumes one process writes the real-time state of a database (or that entities are routed to
 * processes by key): a second process would not see this one's transfers until it warms again. Several
 * processes sharing one database use `DatabaseRealtime` instead.
 */
export class LiveScreening implements RealtimeScreening {
  readonly mode = 'memory' as const
  readonly #writer: GroupWriter
  readonly #recent: RecentMap<Recent>
  /** every transfer id the kept history holds, so a retry is never counted twice */
  readonly #ids = new SeenIds()
  readonly #checkMs: number
  readonly #pruneEveryMs: number
  readonly #clock: Clock
  #state: LiveState | undefined
  /** the last state that was warm: it answers while a new one warms (after an activation or a failed write) */
  #lastWarm: LiveState | undefined
  /** transfers whose write failed: a retry waits for a state built from the database rather than count them again */
  #lost = new Set<string>()
  #lastPrune: number
  /** calls taken in and not screened yet (options.afterIo): at the end of their turn, or before the writer's next flush */
  #held: HeldCall[] = []
  #turnSet = false
  #pruning: Promise<void> | undefined
  #closed = false
  readonly #slowCommits: SlowCommits | undefined
  /** a candidate rule set run beside the active one after each answer (POST /v1/rulesets/{version}/shadow) */
  readonly shadow: ShadowRunner

  constructor(
    private readonly db: Db,
    private readonly rulesets: RulesetService,
    private readonly options: LiveScreeningOptions,
  ) {
    this.#recent = new RecentMap(options.recentIds ?? 200_000)
    this.#checkMs = options.rulesetCheckMs ?? 1000
    this.#pruneEveryMs = options.pruneEveryMs ?? 60_000
    this.#clock = options.clock ?? systemClock
    this.#lastPrune = this.#clock.now()
    if (options.log) this.#slowCommits = new SlowCommits({ thresholdMs: options.slowCommitMs ?? 100, everyMs: SLOW_COMMIT_REPORT_MS, log: options.log })
    this.#writer = new GroupWriter(db, {
      delayMs: options.flushDelayMs ?? 1,
      maxRows: options.flushMaxRows ?? 4000,
      maxInFlight: options.flushesInFlight ?? 1,
      maxQueuedRows: options.maxQueuedRows ?? 100_000,
      onFailure: (ids, err) => this.#writeFailed(ids, err),
      beforeFlush: () => this.#screenHeld(),
      onFlushed: (ms, calls, queued) => {
        this.#slowCommits?.flushed(ms, calls + queued)
        options.onFlushed?.(ms / 1000)
      },
    })
    this.shadow = new ShadowRunner(db, rulesets, { lists: options.lists, drain: () => this.#writer.drain(), maxQueued: options.shadowMaxQueued, log: options.log, clock: this.#clock, thread: options.shadowThread, postEveryMs: options.shadowPostEveryMs, postBatch: options.shadowPostBatch, busy: options.shadowBusy })
  }

  /** Starts warming up now rather than on the first call; resolves when warm. */
  async start(): Promise<void> {
    await this.#current().ready
  }

  readiness(): RealtimeReadiness {
    if (this.#closed) return { ready: false, state: 'warming' }
    const state = this.#current()
    if (state.warm) return { ready: true, state: 'warm' }
    // the previous state answers while this one warms
    return { ready: this.#lastWarm !== undefined, state: state.failed ? 'failed' : 'warming' }
  }

  /** sizes for metrics: transfers in the state that answers, transfer ids remembered for retries */
  stats(): { transfers: number; recentIds: number } {
    const state = this.#state?.warm ? this.#state : this.#lastWarm
    return { transfers: state?.transfers ?? 0, recentIds: this.#recent.size }
  }

  get writer(): GroupWriter {
    return this.#writer
  }

  screen(record: TransferRecord, caller: Owner = NO_CALLER, recordJson?: string): Promise<ScreenResult> {
    const afterIo = this.options.afterIo
    if (!afterIo) return this.#screenNow(record, caller, recordJson)
    return new Promise<ScreenResult>((resolve, reject) => {
      this.#held.push({ record, caller, recordJson, resolve, reject })
      if (this.#turnSet) return
      this.#turnSet = true
      afterIo(this.#endOfTurn)
    })
  }

  /**
   * The end of a turn in which calls came: they are screened now, back to back in arrival order, unless the writer
   * has a flush due (its delay running, or a flush under way): then they wait for it and are screened just before
   * it takes its rows, with every call that comes meanwhile. Their answers wait for that flush's commit either way,
   * and more calls screened back to back keep the rules' code and state in the CPU's caches (BENCHMARKS.md, sessions
   * rt27 and srv28).
   */
  readonly #endOfTurn = (): void => {
    this.#turnSet = false
    if (!this.#writer.due() || this.#held.length > (this.options.holdAtMost ?? HOLD_AT_MOST)) this.#screenHeld()
  }

  /**
   * The held calls in two passes: first every call's rules, back to back, then every call's JSON, rows and write, in
   * the same order. Between two calls' rules no JSON text is made, so the rules' code and state stay in the CPU's
   * caches for the whole batch (BENCHMARKS.md, session srv29). A transfer asked for twice in the batch is taken by
   * its first call; the second is answered as a retry once the first's write is queued.
   */
  #screenHeld(): void {
    const held = this.#held
    if (held.length === 0) return
    this.#held = []
    const state = this.#current()
    if (!state.warm) {
      for (const call of held) this.#screenNow(call.record, call.caller, call.recordJson).then(call.resolve, call.reject)
      return
    }
    const taken: (Taken | typeof AGAIN | undefined)[] = new Array(held.length)
    let rows = 0
    for (let i = 0; i < held.length; i++) {
      try {
        const t = (taken[i] = this.#take(state, held[i]!.record, rows))
        if (t !== AGAIN) rows += t.keys.length + 1
      } catch (err) {
        held[i]!.reject(err)
      }
    }
    for (let i = 0; i < held.length; i++) {
      const t = taken[i]
      if (t === undefined) continue
      const { record, caller, recordJson, resolve, reject } = held[i]!
      const answered = t === AGAIN ? this.#again(record, this.#recent.get(record.id), state) : this.#answer(state, record, caller, t, recordJson)
      answered.then(resolve, reject)
    }
  }

  async #screenNow(record: TransferRecord, caller: Owner, recordJson: string | undefined): Promise<ScreenResult> {
    for (;;) {
      let state = this.#current()
      if (!state.warm) {
        const previous = this.#lastWarm
        if (!previous || this.#lost.has(record.id) || this.#closed) {
          await state.ready
          continue
        }
        // the new state replays this transfer once it has read the history
        state.catchUp.push(record)
        state = previous
      }
      // from here to the write no await: the state is read and updated in one go
      const taken = this.#take(state, record, 0)
      if (taken === AGAIN) return this.#again(record, this.#recent.get(record.id), state)
      return this.#answer(state, record, caller, taken, recordJson)
    }
  }

  /**
   * Screens a transfer into the state, or tells that its id was seen (AGAIN). `pending`: rows of calls taken before
   * it and not written yet (a held batch's), so that every call taken is sure to find room in the writer.
   */
  #take(state: LiveState, record: TransferRecord, pending: number): Taken | typeof AGAIN {
    const id = record.id
    if (this.#recent.has(id) || this.#ids.has(id)) return AGAIN
    if (!this.#writer.hasRoom(pending)) throw new WriterOverloadedError()
    const screener = state.screener!
    // the raw hits as well as the verdict: a shadow takes the hits of the rules it shares with this set
    const hits = screener.hits(record)
    const verdict = screener.verdict(record, hits)
    state.transfers++
    const keys = screener.entityKeys(record)
    const at = Date.parse(record.timestamp)
    if (at > state.latest) state.latest = at
    // taken: a second call with this id is a retry from here on
    this.#ids.add(id, at)
    return { hits, verdict, keys, at }
  }

  /** A taken transfer's verdict JSON, rows and write; answers once they are committed. No await before the write. */
  async #answer(state: LiveState, record: TransferRecord, caller: Owner, taken: Taken, recordJson: string | undefined): Promise<ScreenResult> {
    const { hits, verdict, keys, at } = taken
    const json = verdictJson(verdict)
    const row = shouldStore(verdict, this.options.storeVerdicts) ? realtimeVerdictRowJson(verdict, json, caller, record, keys) : undefined
    const event: EntityEvent = { keys, eventId: record.id, occurredAt: new Date(at).toISOString(), record: recordJson ?? JSON.stringify(record) }
    if (this.options.keepHistory !== false) event.tenant = caller.tenant
    const recent: Recent = { json: plainClear(verdict) ? undefined : json, ruleset: verdict.ruleset, durable: this.#writer.write(record.id, event, row) }
    this.#recent.set(record.id, recent)
    this.#maybePrune(state)
    // offered now, in screening order; screened by the shadow only once this call is answered
    const shadowed = this.shadow.offer(record, event.record, verdict, json, hits, caller)
    try {
      await recent.durable
    } catch (err) {
      if (shadowed) this.shadow.settled(shadowed, true)
      throw err
    }
    if (shadowed) this.shadow.settled(shadowed, false)
    recent.durable = undefined
    return { verdict, json }
  }

  async close(): Promise<void> {
    // calls taken in before the close are screened and written like those before them
    this.#screenHeld()
    this.#closed = true
    await this.#writer.close()
    await this.shadow.close()
    this.#slowCommits?.tell()
    const w = this.#writer
    if (w.flushes > 0) this.options.log?.(`real-time writes: ${w.rowsWritten} rows in ${w.flushes} flushes (${(w.rowsWritten / w.flushes).toFixed(1)} rows a flush)`)
    await this.#pruning
    // a warm-up under way finishes against a closing store; its outcome no longer matters
    await this.#state?.ready.catch(() => {})
  }

  /** The state for the active version and lists, building a new one when either changed. */
  #current(): LiveState {
    const known = this.rulesets.knownActiveVersion(this.db, this.#checkMs)
    const watchlists = this.options.lists?.current()
    const state = this.#state
    if (state && !state.failed && state.watchlists === watchlists && (state.version === undefined || known === undefined || known === state.version)) {
      return state
    }
    return (this.#state = this.#build(watchlists))
  }

  #build(watchlists: Watchlists | undefined): LiveState {
    const state: LiveState = {
      version: undefined,
      watchlists,
      ruleset: undefined,
      screener: undefined,
      warm: false,
      failed: false,
      ready: Promise.resolve(),
      latest: Number.NEGATIVE_INFINITY,
      catchUp: [],
      transfers: 0,
    }
    // every call screened on the previous state must be in the database before the history is read
    const drained = this.#writer.drain()
    state.ready = (async () => {
      await drained
      const version = await this.rulesets.activeVersion(this.db)
      if (!version) throw new NoActiveRulesetError()
      state.version = version
      // a shadow of this version hands over its windows, warm and caught up with every call
      const promoted = this.shadow.promote(version, watchlists)
      if (promoted) {
        Object.assign(state, { ruleset: promoted.ruleset, screener: promoted.screener, transfers: promoted.transfers, latest: promoted.latest, catchUp: [], warm: true })
        this.#lastWarm = state
        this.#lost.clear()
        return
      }
      const ruleset = await this.rulesets.compiled(this.db, version)
      const screener = new Screener(ruleset, watchlists ? { watchlists } : {})
      const started = this.#clock.now()
      const events = await this.#warm(state, ruleset, screener)
      state.transfers += events
      state.ruleset = ruleset
      state.screener = screener
      state.warm = true
      this.#lastWarm = state
      this.#lost.clear()
      this.options.log?.(`real-time state warm: ${events} transfers replayed for ${version} in ${this.#clock.now() - started} ms`)
    })()
    state.ready.catch(() => (state.failed = true))
    return state
  }

  /**
   * Replays the stored transfers, in the order they were stored, from as far back as the history is kept
   * (see retention.ts): a transfer that arrives late then meets the same history the database mode loads for it.
   */
  async #warm(state: LiveState, ruleset: CompiledRuleset, screener: Screener): Promise<number> {
    const latest = await latestEventTime(this.db)
    const seen = new Set<string>()
    if (latest === undefined) return this.#catchUp(state, screener, seen)
    await replayEvents(this.db, screener, keptFrom(ruleset, latest), { seen, taken: (id, at) => this.#ids.add(id, at) })
    state.latest = latest
    return this.#catchUp(state, screener, seen)
  }

  /**
   * Replays what the previous state answered while this one read the history, skipping what the history held
   * already and what failed to be written; no await from here until the state takes over.
   */
  #catchUp(state: LiveState, screener: Screener, seen: Set<string>): number {
    for (const record of state.catchUp) {
      if (seen.has(record.id) || this.#lost.has(record.id)) continue
      seen.add(record.id)
      try {
        screener.observe(record)
      } catch (err) {
        // as in the warm-up: a record the new rule set cannot read could not be screened by it either
        if (!(err instanceof ScreeningError)) throw err
      }
      const at = Date.parse(record.timestamp)
      if (at > state.latest) state.latest = at
    }
    state.catchUp = []
    return seen.size
  }

  /**
   * A transfer id seen before: with the same body, the same verdict, and the transfer is not counted again;
   * with a different body, a 409. The body is compared with the stored record, once that is committed.
   */
  async #again(record: TransferRecord, seen: Recent | undefined, state: LiveState): Promise<ScreenResult> {
    const id = record.id
    await seen?.durable
    checkSameRecord(record, await findStoredTransfer(this.db, id))
    if (seen) {
      const json = seen.json ?? clearVerdictJson(id, seen.ruleset)
      return { verdict: JSON.parse(json) as Verdict, json }
    }
    // screened before the answers kept here: its verdict is stored, unless it was clear and only alerts are kept
    const stored = (await findRealtimeVerdict(this.db, id)) as Verdict | undefined
    const verdict: Verdict = stored ?? { id, score: 0, decision: 'clear', hits: [], ruleset: state.version ?? '' }
    return { verdict, json: JSON.stringify(verdict) }
  }

  /**
   * A flush failed: forget its transfers and build a state again from what the database holds. The state that
   * counted them goes on answering until then (those transfers count in its windows meanwhile).
   */
  #writeFailed(ids: readonly string[], err: unknown): void {
    for (const id of ids) {
      this.#recent.delete(id)
      this.#ids.delete(id)
      this.#lost.add(id)
    }
    // a state still warming reads the history after this failure; a warm one counted what was lost
    if (this.#state?.warm) this.#state = undefined
    this.options.log?.(`real-time write failed (${ids.length} calls answered with an error), state reloads from the database: ${err instanceof Error ? err.message : String(err)}`)
  }

  #maybePrune(state: LiveState): void {
    const now = this.#clock.now()
    if (this.#pruning || now - this.#lastPrune < this.#pruneEveryMs || !state.ruleset) return
    this.#lastPrune = now
    const before = keptFrom(state.ruleset, state.latest)
    this.#ids.forgetBefore(before)
    this.#pruning = (async () => {
      while (!this.#closed && (await pruneEventsBefore(this.db, before, PRUNE_ROWS)) === PRUNE_ROWS) {
        // in slices, so no statement holds many rows for long
      }
    })()
      .catch((err: unknown) => this.options.log?.(`pruning old entity events failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (this.#pruning = undefined))
  }
}
