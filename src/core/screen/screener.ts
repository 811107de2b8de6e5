import { baseConverter, type ToBaseMinor } from '../money/convert.ts'
import type { TransferRecord } from '../record/schema.ts'
import type { CompiledRuleset } from '../rules/compiled.ts'
import type { Watchlists } from '../rules/watchlist-port.ts'
import { CaseBook, type Case } from './cases.ts'
import { EntityIndex } from '../state/entity-index.ts'
import type { EntityTableSnapshot } from '../state/entities.ts'
import { RuleRunner, type RuleRunnerSnapshot } from './rule-runner.ts'
import { combineHits, type Hit, type Verdict } from './verdict.ts'
import type { EntitySpec } from '../rules/entity.ts'
import { CLASS_COUNT } from '../rules/transfer-class.ts'
import { viewsOf, type Direction, type TransferContext } from './view.ts'

export interface ScreenerOptions {
  watchlists?: Watchlists
  /** how far behind the latest event time a record may arrive and still see its own window; default: the ruleset's */
  latenessMs?: number
  /** keep entity-level cases (batch screening); off for one-off screens */
  cases?: boolean
  /** goes into every case id (the service's batch id); empty when absent */
  caseScope?: string
  /**
   * indices of the ruleset's rules this screener runs; default all. Every rule keeps its own state, so
   * one batch can be screened by several screeners that each run a share of the rules over every record
   * (one per thread), and their hits merged with `hitMerger` give the verdict a single screener gives.
   */
  rules?: readonly number[]
}

/** A record the screener cannot score, e.g. a currency without an exchange rate. */
export class ScreeningError extends Error {
  constructor(
    readonly code: 'no_rate',
    message: string,
    readonly path?: string,
  ) {
    super(message)
  }
}

/**
 * A screener's state as plain data (structured-clone types: typed arrays, arrays, numbers, strings), to carry
 * it to another process or machine (src/batch/nats). Cases are not in it: it is for screeners without them.
 */
export interface ScreenerSnapshot {
  /** the ruleset's version and the rules run: a snapshot restores into a screener of the same only */
  version: string
  rules: number[]
  latest: number
  sinceSweep: number
  lateRecords: number
  entities: EntityTableSnapshot[]
  runners: RuleRunnerSnapshot[]
}

// a sweep of the graphs and entity-less windows visits all of them, so it runs rarely (entities' windows are freed
// by their tables' expiry queues as they go idle)
const SWEEP_EVERY = 65_536

/**
 * Screens transfers in event-time order against one compiled ruleset, keeping window state per
 * entity in memory. Memory follows what is inside the windows, not how many records went by.
 */
export class Screener {
  private readonly runners: RuleRunner[]
  /** by the sender's side's class of transfer, the runners that may do anything with it (`runnersFor`) */
  private readonly runnersByClass: (readonly RuleRunner[] | undefined)[] = new Array(CLASS_COUNT).fill(undefined)
  /** the ruleset's indices of the rules run, in order */
  private readonly share: readonly number[]
  /**
   * each namespace and side the rules keep state by, once, in rule order (rules keyed alike share a key:
   * most rules of the default pack are keyed by party, sender or receiver id)
   */
  private readonly keySides: { namespace: string; side: Direction; key: EntitySpec['key'] }[]
  private readonly entities = new EntityIndex()
  private readonly toBase: ToBaseMinor
  private readonly caseBook: CaseBook | undefined
  private readonly latenessMs: number
  private latest = Number.NEGATIVE_INFINITY
  private sinceSweep = 0
  private lateRecords = 0

  constructor(
    readonly ruleset: CompiledRuleset,
    opts: ScreenerOptions = {},
  ) {
    this.latenessMs = opts.latenessMs ?? ruleset.latenessMs
    const share = (this.share = opts.rules ?? ruleset.rules.map((_r, i) => i))
    this.runners = share.map((i) => new RuleRunner(ruleset.rules[i]!, this.entities, this.latenessMs, opts.watchlists))
    const sides = new Map<string, Screener['keySides'][number]>()
    for (const { rule: { entity } } of this.runners) {
      if (!entity) continue
      for (const side of entity.perspectives) {
        const id = `${entity.namespace}\u0000${side}`
        if (!sides.has(id)) sides.set(id, { namespace: entity.namespace, side, key: entity.key })
      }
    }
    this.keySides = [...sides.values()]
    this.toBase = baseConverter(ruleset.baseCurrency, ruleset.rates)
    this.caseBook = opts.cases ? new CaseBook(opts.caseScope) : undefined
  }

  /** updates window state with the transfer and scores it */
  screen(record: TransferRecord): Verdict {
    return this.verdict(record, this.hits(record))
  }

  /**
   * updates window state with the transfer and returns the raw hits of this screener's rules, in rule order;
   * with `onlyKeys`, keyed rules without a graph keep state and give hits for those entity keys alone
   * (a key partition, src/core/partition/), and rules without an entity are skipped
   */
  hits(record: TransferRecord, onlyKeys?: ReadonlySet<string>): Hit[] {
    const ctx = this.context(record)
    const views = viewsOf(ctx)
    const hits: Hit[] = []
    this.entities.nextRecord()
    for (const runner of this.runnersFor(views.out.guardClass, views.in.guardClass)) runner.process(views, ctx, hits, onlyKeys)
    this.afterRecord(ctx.ts)
    return hits
  }

  /** the verdict for a record from its raw hits (of every rule, in ruleset order); adds it to the cases */
  verdict(record: TransferRecord, hits: Hit[]): Verdict {
    const combined = combineHits(hits, this.ruleset.thresholds)
    const verdict: Verdict = { id: record.id, score: combined.score, decision: combined.decision, hits: combined.hits, ruleset: this.ruleset.version }
    if (this.caseBook && verdict.decision !== 'clear') {
      this.caseBook.add(verdict, new Date(Date.parse(record.timestamp)).toISOString(), `id:${record.sender.id}`)
    }
    return verdict
  }

  /**
   * Updates window state only: replaying history before a real-time screen. With `onlyKeys` (the
   * `entityKeys` of the transfer about to be screened), state is kept for those entities alone: no other
   * entity's state can change that verdict, so the replay skips the work (the transfer graph is always kept).
   */
  observe(record: TransferRecord, onlyKeys?: ReadonlySet<string>): void {
    const ctx = this.context(record)
    const views = viewsOf(ctx)
    this.entities.nextRecord()
    for (const runner of this.runnersFor(views.out.guardClass, views.in.guardClass)) runner.process(views, ctx, undefined, onlyKeys)
    this.afterRecord(ctx.ts)
  }

  /** the state keys the record touches ("id:ACC-1", "phone:447700900123", ...), to load its history */
  entityKeys(record: TransferRecord): string[] {
    const ctx: TransferContext = { record, ts: Date.parse(record.timestamp), amountMinor: 0 }
    const views = viewsOf(ctx)
    // a handful of keys: an array with includes is cheaper than a Set, in the same first-seen order
    const keys: string[] = []
    for (const { namespace, side, key } of this.keySides) {
      const k = key(views[side])
      if (k === undefined) continue
      const entity = `${namespace}:${k}`
      if (!keys.includes(entity)) keys.push(entity)
    }
    return keys
  }

  cases(): Case[] {
    return this.caseBook?.list() ?? []
  }

  /**
   * Records that came more than the lateness allowance behind the latest event time before them. Windows are
   * exact for input in event-time order within that allowance; such a record was screened without the later
   * transfers already seen, and may have missed events already dropped. Input sorted by timestamp has none.
   */
  get outOfOrder(): number {
    return this.lateRecords
  }

  /** entities with live state, across rules: what memory follows */
  get liveEntities(): number {
    let n = this.entities.windows()
    for (const r of this.runners) n += r.liveState
    return n
  }

  /**
   * The state as plain data. It shares the live arrays: serialise it (structuredClone, node:v8, a Durable
   * Object's storage) before screening the next record.
   */
  snapshot(): ScreenerSnapshot {
    if (this.caseBook) throw new Error('a screener keeping cases has no snapshot')
    return {
      version: this.ruleset.version,
      rules: [...this.share],
      latest: this.latest,
      sinceSweep: this.sinceSweep,
      lateRecords: this.lateRecords,
      entities: this.entities.snapshot(),
      runners: this.runners.map((r) => r.snapshot()),
    }
  }

  /**
   * Takes over the state of a deserialised snapshot (its arrays become this screener's): screening goes on as
   * in the screener it was taken from. This screener must be new, of the same ruleset and rules.
   */
  restore(s: ScreenerSnapshot): void {
    if (s.version !== this.ruleset.version || s.rules.join() !== this.share.join()) {
      throw new Error(`a snapshot of ruleset ${s.version}, rules ${s.rules.join()}, not of ${this.ruleset.version}, rules ${this.share.join()}`)
    }
    if (this.latest !== Number.NEGATIVE_INFINITY || this.sinceSweep !== 0) throw new Error('a snapshot restores into a new screener only')
    this.latest = s.latest
    this.sinceSweep = s.sinceSweep
    this.lateRecords = s.lateRecords
    // the pools first: restored entities are queued by their windows' times
    s.runners.forEach((r, i) => this.runners[i]!.restore(r))
    this.entities.restore(s.entities)
  }

  /**
   * The runners with anything to do for a transfer of these classes (its sides' classes: the receiver's follows
   * from the sender's), in rule order: a rule whose guard rules out every side it looks from, and that keeps no
   * last-seen times, would skip the transfer anyway. Listed on the first transfer of each class.
   */
  private runnersFor(outClass: number, inClass: number): readonly RuleRunner[] {
    let list = this.runnersByClass[outClass]
    if (list === undefined) {
      list = this.runners.filter((r) => r.mayApply(outClass, inClass))
      this.runnersByClass[outClass] = list
    }
    return list
  }

  private context(record: TransferRecord): TransferContext {
    const amountMinor = this.toBase(record.amount, record.currency)
    if (amountMinor === undefined) {
      throw new ScreeningError('no_rate', `no exchange rate for ${record.currency} in ruleset ${this.ruleset.name}; add it under "rates"`, 'currency')
    }
    return { record, ts: Date.parse(record.timestamp), amountMinor }
  }

  private afterRecord(ts: number): void {
    if (ts > this.latest) this.latest = ts
    else if (ts < this.latest - this.latenessMs) this.lateRecords++
    this.entities.expire(this.latest)
    if (++this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0
      for (const r of this.runners) r.sweep(this.latest)
    }
  }
}
