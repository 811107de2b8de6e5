import { systemClock, type Clock, type CompiledRuleset, type Hit, type Screener, type TransferRecord, type Verdict, type Watchlists } from '../core/index.ts'
import type { Db } from '../store/db.ts'
import { latestEventTime } from '../store/realtime-store.ts'
import { getRulesetFiles } from '../store/rulesets.ts'
import type { ListHolder } from './lists.ts'
import { replayEvents } from './replay-events.ts'
import { keptFrom } from './retention.ts'
import type { RulesetService } from './rulesets.ts'
import { ComparisonTally, EMPTY_COMPARISON, type ComparisonView } from './shadow-comparison.ts'
import { ShadowScreening, sharedHits } from './shadow-outcome.ts'
import { fullPlan, isFullPlan, planShadow, type ShadowPlan } from './shadow-plan.ts'
import { ShadowQueue, type ShadowEntry } from './shadow-queue.ts'
import { ShadowRowWriter } from './shadow-rows.ts'
import { decodeOutcomes, shadowCallsJson, type ShadowOutcome, type ShadowThread, type ShadowThreadFactory } from './shadow-thread-port.ts'
import type { Owner } from './verdict-rows.ts'

/** an active verdict with no hits: no array a call */
const NO_RULES: readonly string[] = []
/**
 * calls waiting for the shadow at most; past that they are dropped (counted), never waited for. Half a minute at
 * 1,000 calls a second: the shadow holds its calls while the server is busy (ShadowOptions.busy) and catches up after,
 * and past half of it works even while the server is busy
 */
const DEFAULT_MAX_QUEUED = 30_000
/**
 * the shadow screens for at most this long at a time (at least one call, about 0.1 ms with the default pack)
 * before letting the event loop take requests again: a request arriving meanwhile waits up to this long
 */
const SLICE_MS = 0.5
/**
 * on a thread: settled calls are posted this long after the first of them, or as soon as a full message waits,
 * so at 1,000 calls a second a message carries about 50 calls and the shadow wakes 20 times a second rather than
 * for every call (a message a call costs more CPU than the shadow's screening: BENCHMARKS.md "Shadow rule set")
 */
const THREAD_POST_EVERY_MS = 50
/**
 * on a thread: calls posted in one message at most, and posted but not yet answered at most (past that they wait in
 * the queue); small, so that once the server gets busy the thread stops within a few milliseconds (two batches of
 * about 65 µs a call), and two, so that it never waits for the next batch while it catches up
 */
const THREAD_BATCH = 64
const THREAD_IN_FLIGHT = 128
/** warm-up records posted to the thread in one message */
const WARM_BATCH = 1000

export type ShadowStatus = 'warming' | 'running' | 'failed' | 'stopped' | 'promoted'

export interface ShadowOptions {
  lists?: ListHolder | undefined
  /** waits until every call screened so far is committed, so the shadow's warm-up reads them from the history */
  drain: () => Promise<void>
  maxQueued?: number
  log?: (message: string) => void
  clock?: Clock
  /**
   * screens the shadow away from the event loop when given (the Node adapter's child process) and none of the rules
   * the shadow runs itself reads watchlists; otherwise it screens on the event loop, a slice at a time
   */
  thread?: ShadowThreadFactory | undefined
  /** on a thread: settled calls are posted at most this long after the first of them, or once this many wait */
  postEveryMs?: number | undefined
  postBatch?: number | undefined
  /**
   * true while the server is busy (the Node adapter: its event loop's utilisation over the last 100 ms above
   * TXSCREEN_SHADOW_MAX_LOAD): the shadow then hands no calls on and screens none, they wait in its queue (asked
   * again every postEveryMs), so that its work does not run beside live traffic, until the queue is past half full
   * (then it works it down to half rather than drop calls). Never busy without it.
   */
  busy?: (() => boolean) | undefined
}

/** A shadow run as GET /v1/rulesets/{version}/shadow shows it to one tenant. */
export interface ShadowView {
  id: string
  version: string
  status: ShadowStatus
  /** why a warm-up failed */
  error?: string
  /** the active versions the shadow was compared with (more than one when another set was activated meanwhile) */
  activeVersions: string[]
  startedAt: string
  endedAt: string | null
  /** calls the shadow screened, calls dropped because its queue was full, calls whose write failed (left out) */
  processed: number
  dropped: number
  skipped: number
  /** kept verdict rows that could not be stored (their statement failed, or too many waited) */
  unstored: number
  /** calls waiting for the shadow now, and how long the oldest has waited */
  queued: number
  lagMs: number
  /** the shadow holds its calls because the server is busy: the comparison is behind by `queued` calls, `lagMs` */
  held: boolean
  /** the candidate's rules the shadow runs itself, and those whose hits it takes from the active screening (shadow-plan.ts) */
  rulesEvaluated: number
  rulesReused: number
  comparison: ComparisonView
}

/** What a promoted shadow hands the live state: its screener, warm and caught up with every call. */
export interface PromotedState {
  ruleset: CompiledRuleset
  screener: Screener
  transfers: number
  latest: number
}

interface ShadowRun {
  id: string
  version: string
  ruleset: CompiledRuleset
  status: ShadowStatus
  error?: string
  watchlists: Watchlists | undefined
  /** which rules the shadow runs itself, from its last warm-up */
  plan: ShadowPlan | undefined
  /** the plan's reused rule ids */
  reuse: ReadonlySet<string>
  /** set once a call came from an active version other than the plan's: every rule is evaluated from then on */
  fullOnly: boolean
  screening: ShadowScreening | undefined
  /** the shadow's screening thread, when it runs on one (then `screening` stays undefined) */
  thread: ShadowThread | undefined
  /** calls posted to the thread, in order, waiting for its outcomes */
  inFlight: ShadowEntry[]
  /** kept rows not stored: by the threads of earlier warm-ups, by the current one (as it last said), and this process's writer's count when the run began */
  unstoredBefore: number
  unstoredNow: number
  unsavedAtStart: number
  startedAt: number
  endedAt: number | undefined
  queue: ShadowQueue
  processed: number
  skipped: number
  /** transfers the shadow's state holds: warm-up plus calls */
  transfers: number
  latest: number
  activeVersions: Set<string>
  tallies: Map<string, ComparisonTally>
}

export type StartResult = { started: boolean; view: ShadowView } | { refused: 'running'; running: string } | { refused: 'active' } | { refused: 'unknown' }

/**
 * Runs one candidate rule set beside the active one on the in-memory real-time path. A call offers its record
 * and the active verdict as it is screened (keeping the order the windows must see), and marks it settled once
 * its answer has gone; the shadow screens settled calls later, a couple of milliseconds at a time on the event
 * loop, so it never delays an answer. Its verdicts are tallied per tenant against the active ones and stored in
 * `shadow_verdicts`; callers never see them. One shadow at a time per process.
 */
export class ShadowRunner {
  #run: ShadowRun | undefined
  #scheduled = false
  #postTimer: ReturnType<typeof setTimeout> | undefined
  /** the post interval is up: the next post sends a batch that is not full */
  #postPartial = false
  /** the server was busy at the last look: calls wait until it is quiet */
  #held = false
  /** kept rows made here: on the event loop, or handed back by a screener that does not store them itself */
  readonly #rows: ShadowRowWriter
  readonly #clock: Clock
  readonly #postBatch: number
  #totalProcessed = 0
  #totalDropped = 0

  constructor(
    private readonly db: Db,
    private readonly rulesets: RulesetService,
    private readonly options: ShadowOptions,
  ) {
    this.#clock = options.clock ?? systemClock
    this.#postBatch = options.postBatch ?? THREAD_BATCH
    this.#rows = new ShadowRowWriter(db, options.log, this.#clock)
  }

  /**
   * The hot path's one question: is a shadow taking calls? Cheap, and undefined almost always. `recordJson`: the
   * record's JSON as the history stores it. `activeHits`: the active screening's raw hits (Screener.hits,
   * modifiers included), of which the shadow takes the reused rules'.
   */
  offer(record: TransferRecord, recordJson: string, active: Verdict, activeJson: string, activeHits: readonly Hit[], caller: Owner): ShadowEntry | undefined {
    const run = this.#run
    if (!run || run.endedAt !== undefined) return undefined
    // for the shadow's process only strings and numbers are kept: the record's JSON, and for the reused rules' hits
    // the answer's JSON when its hits are the raw hits (a primary rule hit; else the raw hits are modifiers' alone,
    // kept as they are); the record and raw hits themselves only while the shadow may screen on the event loop
    const remote = run.thread !== undefined
    const reusing = remote && run.reuse.size > 0 && activeHits.length > 0
    const hitsInAnswer = reusing && active.hits === activeHits
    const entry: ShadowEntry = {
      record: remote ? undefined : record,
      activeHits: remote ? undefined : activeHits,
      reused: reusing && !hitsInAnswer ? sharedHits(activeHits, run.reuse) : undefined,
      activeJson: hitsInAnswer ? activeJson : undefined,
      recordJson,
      id: record.id,
      timestamp: record.timestamp,
      decision: active.decision,
      score: active.score,
      ruleset: active.ruleset,
      activeRules: active.hits.length === 0 ? NO_RULES : active.hits.map((h) => h.rule),
      tenant: caller.tenant,
      keyId: caller.keyId,
      queuedAt: performance.now(),
      settled: false,
      lost: false,
    }
    if (run.queue.offer(entry)) return entry
    this.#totalDropped++
    return undefined
  }

  /** The call's answer has gone (or its write failed, `lost`): the shadow may take it after this turn of the event loop. */
  settled(entry: ShadowEntry, lost: boolean): void {
    // an entry of a run that has ended is read by nobody
    this.#run?.queue.settle(entry, lost)
    this.#wake()
  }

  async start(version: string): Promise<StartResult> {
    const current = this.#run
    if (current && current.endedAt === undefined) {
      return current.version === version ? { started: false, view: this.#view(current, undefined) } : { refused: 'running', running: current.version }
    }
    if ((await this.rulesets.activeVersion(this.db)) === version) return { refused: 'active' }
    if (!(await getRulesetFiles(this.db, version))) return { refused: 'unknown' }
    const ruleset = await this.rulesets.compiled(this.db, version)
    // another start may have won the race while this one compiled
    const raced = this.#run
    if (raced && raced.endedAt === undefined) return raced.version === version ? { started: false, view: this.#view(raced, undefined) } : { refused: 'running', running: raced.version }
    const run: ShadowRun = {
      id: crypto.randomUUID(),
      version,
      ruleset,
      status: 'warming',
      watchlists: undefined,
      plan: undefined,
      reuse: new Set(),
      fullOnly: false,
      screening: undefined,
      thread: undefined,
      inFlight: [],
      unstoredBefore: 0,
      unstoredNow: 0,
      unsavedAtStart: this.#rows.unsaved,
      startedAt: this.#clock.now(),
      endedAt: undefined,
      queue: new ShadowQueue(this.options.maxQueued ?? DEFAULT_MAX_QUEUED),
      processed: 0,
      skipped: 0,
      transfers: 0,
      latest: Number.NEGATIVE_INFINITY,
      activeVersions: new Set(),
      tallies: new Map(),
    }
    this.#run = run
    this.#warm(run)
    return { started: true, view: this.#view(run, undefined) }
  }

  /** Stops the shadow running `version`; false when none runs it. Its comparison stays readable until the next start. */
  stop(version: string): boolean {
    const run = this.#run
    if (!run || run.version !== version || run.endedAt !== undefined) return false
    this.#end(run, 'stopped')
    return true
  }

  /** The run of `version` (running or the last one ended) as `tenant` sees it; undefined when there is none. */
  view(version: string, tenant: string): ShadowView | undefined {
    const run = this.#run
    return run && run.version === version ? this.#view(run, tenant) : undefined
  }

  /** the running shadow's version and status, for the rule-set list */
  current(): { version: string; status: ShadowStatus } | undefined {
    const run = this.#run
    return run && { version: run.version, status: run.status }
  }

  /**
   * `version` became active: the shadow running it ends as promoted. When it is warm, missed no call and ran
   * with the same lists, it screens what it still has queued and hands its state over, so the new active set
   * starts warm with the same history; otherwise undefined and the live state warms from the database.
   */
  promote(version: string, watchlists: Watchlists | undefined): PromotedState | undefined {
    const run = this.#run
    if (!run || run.version !== version || run.endedAt !== undefined) return undefined
    // a thread's windows cannot be handed to this one, nor a screener running only the rules that differ: the
    // active state then warms from the database as usual
    const usable = run.status === 'running' && run.screening && run.plan && isFullPlan(run.plan) && run.queue.dropped === 0 && run.watchlists === watchlists
    if (usable) while (run.queue.length > 0) this.#screen(run, run.queue.take()!)
    const handed = usable ? { ruleset: run.ruleset, screener: run.screening!.screener, transfers: run.transfers, latest: run.latest } : undefined
    this.#end(run, 'promoted')
    this.options.log?.(`shadow ${version} promoted: ${handed ? `its state of ${handed.transfers} transfers becomes the active state` : 'the active state warms from the database'}`)
    return handed
  }

  /** for /metrics: calls the shadow screened and dropped since the process started, calls waiting, the oldest's wait */
  stats(): { running: boolean; processed: number; dropped: number; queued: number; lagSeconds: number } {
    const run = this.#run
    const oldest = run && (run.inFlight[0] ?? run.queue.oldest())
    return {
      running: run !== undefined && run.endedAt === undefined,
      processed: this.#totalProcessed,
      dropped: this.#totalDropped,
      queued: run ? run.queue.length + run.inFlight.length : 0,
      lagSeconds: oldest ? (performance.now() - oldest.queuedAt) / 1000 : 0,
    }
  }

  /** Ends the running shadow and writes its last verdict rows. */
  async close(): Promise<void> {
    clearTimeout(this.#postTimer)
    const run = this.#run
    if (run && run.endedAt === undefined) this.#end(run, 'stopped')
    await this.#rows.close()
  }

  #end(run: ShadowRun, status: ShadowStatus): void {
    run.status = status
    run.endedAt = this.#clock.now()
    this.#held = false
    run.screening = undefined
    run.thread?.close()
    run.thread = undefined
    run.inFlight = []
    run.queue.clear()
  }

  /** Builds the shadow's state from the stored history (as the live state's warm-up does), then lets it take calls. */
  #warm(run: ShadowRun): void {
    run.status = 'warming'
    run.screening = undefined
    run.unstoredBefore += run.unstoredNow
    run.unstoredNow = 0
    run.thread?.close()
    run.thread = undefined
    run.inFlight = []
    const watchlists = this.options.lists?.current()
    run.watchlists = watchlists
    ;(async () => {
      // every call screened before now must be in the history it reads; later ones wait in the queue
      await this.options.drain()
      const plan = await this.#plan(run)
      // on a thread when none of the rules it runs itself reads the watchlists (the thread has none)
      const onThread = this.options.thread && (!watchlists || plan.evaluate.every((i) => !run.ruleset.rules[i]!.needs.lists))
      const files = onThread ? await getRulesetFiles(this.db, run.version) : undefined
      const thread = files && this.options.thread!(files, run.version, plan, run.id)
      const screening = thread ? undefined : new ShadowScreening(run.ruleset, plan, watchlists)
      const screener = screening?.screener
      const latest = await latestEventTime(this.db)
      const seen = new Set<string>()
      try {
        if (latest !== undefined) {
          const into = thread ? streamTo(thread) : screener!
          await replayEvents(this.db, into, keptFrom(run.ruleset, latest), { seen, skip: (id) => run.queue.ids.has(id) })
          if ('flush' in into) into.flush()
        }
        await thread?.warmed()
      } catch (err) {
        thread?.close()
        throw err
      }
      if (this.#run !== run || run.endedAt !== undefined || run.watchlists !== watchlists) {
        thread?.close()
        return
      }
      run.screening = screening
      run.thread = thread
      run.plan = plan
      run.reuse = new Set(plan.reuse)
      run.transfers = seen.size
      run.latest = latest ?? Number.NEGATIVE_INFINITY
      run.status = 'running'
      this.options.log?.(
        `shadow ${run.version} warm: ${seen.size} transfers replayed${thread ? ' in its own process' : ''}, ${plan.evaluate.length} rules run, ${plan.reuse.length} taken from ${plan.activeVersion}`,
      )
      this.#schedule()
    })().catch((err: unknown) => {
      if (run.endedAt !== undefined) return
      run.status = 'failed'
      run.error = err instanceof Error ? err.message : String(err)
      this.options.log?.(`shadow ${run.version} did not warm: ${run.error}`)
    })
  }

  /** on the event loop: screen on the next turn; on a thread: post once a batch of answered calls is full or the interval is up */
  #wake(): void {
    const run = this.#run
    // held: the armed timer looks again
    if (this.#held && this.#postTimer) return
    if (!run?.thread || run.queue.settled >= this.#postBatch) return this.#schedule()
    this.#armPostTimer()
  }

  /** at the interval, whatever answered calls wait go, a full batch or not */
  #armPostTimer(): void {
    if (this.#postTimer) return
    this.#postTimer = setTimeout(() => {
      this.#postTimer = undefined
      this.#postPartial = true
      this.#schedule()
    }, this.options.postEveryMs ?? THREAD_POST_EVERY_MS)
    this.#postTimer.unref?.()
  }

  /**
   * Whether the shadow waits now: while the server is busy, unless its queue is past half its bound; then it works
   * the queue down to half, so that load that does not end costs some latency rather than dropped calls.
   */
  #holds(run: ShadowRun): boolean {
    return run.queue.length <= run.queue.max / 2 && this.options.busy?.() === true
  }

  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => this.#drain())
  }

  /** Screens settled calls in order for up to SLICE_MS, then yields to the event loop and comes back. */
  #drain(): void {
    this.#scheduled = false
    const run = this.#run
    if (!run || run.endedAt !== undefined) return
    if (run.status === 'running' && run.watchlists !== this.options.lists?.current()) {
      // the lists were reloaded: the shadow's windows are built again with them, as the live state's are
      this.#warm(run)
      return
    }
    if (run.status !== 'running') return
    // the server is busy: nothing is handed on or screened, the timer looks again
    this.#held = run.queue.peekSettled() !== undefined && this.#holds(run)
    if (this.#held) return this.#armPostTimer()
    if (run.thread) return this.#post(run, run.thread)
    const until = performance.now() + SLICE_MS
    let entry: ShadowEntry | undefined
    while ((entry = run.queue.peekSettled()) && !this.#holds(run)) {
      if (this.#replan(run, entry)) return
      this.#screen(run, run.queue.take()!)
      if (performance.now() >= until) break
    }
    if (run.queue.peekSettled()) this.#schedule()
  }

  /**
   * Posts answered calls to the thread in order, full batches only until the interval is up, as long as it is not
   * too far behind; what is left waits for the next full batch or the interval.
   */
  #post(run: ShadowRun, thread: ShadowThread): void {
    const partial = this.#postPartial
    this.#postPartial = false
    while (run.inFlight.length < THREAD_IN_FLIGHT && !this.#holds(run)) {
      const ready = run.queue.settledAtHead(this.#postBatch)
      if (ready === 0 || (ready < this.#postBatch && !partial)) break
      const batch: ShadowEntry[] = []
      for (let i = 0; i < ready; i++) {
        const entry = run.queue.peekSettled()!
        if (this.#replan(run, entry)) return
        run.queue.take()
        if (entry.lost) run.skipped++
        else batch.push(entry)
      }
      if (batch.length === 0) continue
      run.inFlight.push(...batch)
      // from raw hits the entry still holds (offered before the process was running); else as offered
      for (const e of batch) if (e.activeHits) e.reused = this.#reused(run, e)
      thread.screen(shadowCallsJson(batch)).then(
        (encoded) => {
          if (run.thread !== thread) return
          run.unstoredNow = encoded.unstored ?? 0
          for (const outcome of decodeOutcomes(encoded, run.ruleset.rules)) this.#account(run, run.inFlight.shift()!, outcome)
          this.#wake()
        },
        (err: unknown) => {
          if (run.thread !== thread || run.endedAt !== undefined) return
          run.thread = undefined
          run.inFlight = []
          run.status = 'failed'
          run.error = `its thread failed: ${err instanceof Error ? err.message : String(err)}`
          this.options.log?.(`shadow ${run.version} stopped: ${run.error}`)
        },
      )
    }
    if (run.queue.length > 0) this.#armPostTimer()
  }

  #screen(run: ShadowRun, entry: ShadowEntry): void {
    if (entry.lost) {
      run.skipped++
      return
    }
    const record = entry.record ?? (JSON.parse(entry.recordJson) as TransferRecord)
    this.#account(run, entry, run.screening!.outcome(record, entry.decision, this.#reused(run, entry)))
  }

  /** the active screening's hits of the rules the plan reuses, when any hit: from the raw hits, or the answer's JSON, as the entry has them */
  #reused(run: ShadowRun, entry: ShadowEntry): Hit[] | undefined {
    if (run.reuse.size === 0) return undefined
    const hits = entry.activeHits ?? entry.reused ?? (entry.activeJson === undefined ? undefined : (JSON.parse(entry.activeJson) as Verdict).hits)
    return hits && sharedHits(hits, run.reuse)
  }

  /** Which rules to run: those that differ from the active set's, unless a call from another active version was seen. */
  async #plan(run: ShadowRun): Promise<ShadowPlan> {
    const active = run.fullOnly ? undefined : await this.rulesets.activeVersion(this.db)
    return active ? planShadow(await this.rulesets.compiled(this.db, active), run.ruleset) : fullPlan(run.ruleset)
  }

  /**
   * A call screened by an active version other than the one the plan takes hits from (another set was activated,
   * or a previous state answered meanwhile): the shadow warms again and runs every rule itself from then on.
   */
  #replan(run: ShadowRun, entry: ShadowEntry): boolean {
    if (run.reuse.size === 0 || entry.ruleset === run.plan!.activeVersion) return false
    this.options.log?.(`shadow ${run.version}: a call screened by ${entry.ruleset}, not ${run.plan!.activeVersion}; every rule is run from now on`)
    run.fullOnly = true
    this.#warm(run)
    return true
  }

  /** Counts one call's shadow outcome against the active verdict, and keeps its row when it alerts or changes the decision. */
  #account(run: ShadowRun, entry: ShadowEntry, verdict: ShadowOutcome | undefined): void {
    const at = Date.parse(entry.timestamp)
    let tally = run.tallies.get(entry.tenant)
    if (!tally) run.tallies.set(entry.tenant, (tally = new ComparisonTally()))
    run.processed++
    this.#totalProcessed++
    run.transfers++
    if (at > run.latest) run.latest = at
    run.activeVersions.add(entry.ruleset)
    if (!verdict) {
      tally.failed()
      return
    }
    tally.add(entry, verdict, at)
    // kept: what the shadow would alert on, and every decision it would change (a screener that stores its rows leaves out the JSON)
    if (verdict.json === undefined) return
    this.#rows.add({
      shadowId: run.id,
      ruleset: run.version,
      activeRuleset: entry.ruleset,
      tenant: entry.tenant,
      keyId: entry.keyId,
      recordId: entry.id,
      decision: verdict.decision,
      score: verdict.score,
      activeDecision: entry.decision,
      activeScore: entry.score,
      outputJson: verdict.json,
    })
  }

  #view(run: ShadowRun, tenant: string | undefined): ShadowView {
    const oldest = run.inFlight[0] ?? run.queue.oldest()
    return {
      id: run.id,
      version: run.version,
      status: run.status,
      ...(run.error !== undefined && { error: run.error }),
      activeVersions: [...run.activeVersions],
      startedAt: new Date(run.startedAt).toISOString(),
      endedAt: run.endedAt === undefined ? null : new Date(run.endedAt).toISOString(),
      processed: run.processed,
      dropped: run.queue.dropped,
      skipped: run.skipped,
      unstored: run.unstoredBefore + run.unstoredNow + this.#rows.unsaved - run.unsavedAtStart,
      queued: run.queue.length + run.inFlight.length,
      lagMs: oldest ? Math.round(performance.now() - oldest.queuedAt) : 0,
      held: run.endedAt === undefined && this.#held,
      rulesEvaluated: run.plan?.evaluate.length ?? 0,
      rulesReused: run.plan?.reuse.length ?? 0,
      comparison: (tenant !== undefined && run.tallies.get(tenant)?.view()) || EMPTY_COMPARISON,
    }
  }
}

/** warm-up records for the shadow's thread, posted a batch at a time */
function streamTo(thread: ShadowThread): Pick<Screener, 'observe'> & { flush(): void } {
  let batch: TransferRecord[] = []
  const flush = (): void => {
    if (batch.length > 0) thread.observe(batch)
    batch = []
  }
  return {
    observe(record: TransferRecord) {
      batch.push(record)
      if (batch.length >= WARM_BATCH) flush()
    },
    flush,
  }
}
