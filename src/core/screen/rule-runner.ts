import { weightedScore } from '../rules/bands.ts'
import { ALWAYS, NEVER } from '../rules/class-conditions.ts'
import type { CompiledRule } from '../rules/compiled.ts'
import { MeasureEvaluation } from '../rules/measures/evaluation.ts'
import type { Watchlists } from '../rules/watchlist-port.ts'
import { TransferGraph, type TransferGraphSnapshot } from '../state/graph.ts'
import { EntityTable, releaseIfIdle } from '../state/entities.ts'
import type { EntityIndex } from '../state/entity-index.ts'
import { textNumber } from '../state/text-number.ts'
import { WindowSpec, WindowState, type Contribution } from '../state/window.ts'
import { WindowPool, type WindowPoolSnapshot } from '../state/window-pool.ts'
import type { Hit, HitEvidence } from './verdict.ts'
import type { Direction, TransferContext, TransferView } from './view.ts'

type Views = Record<Direction, TransferView>

/** A rule's own state as plain data: its windows, its entity-less state, its transfer graph */
export interface RuleRunnerSnapshot {
  windows: WindowPoolSnapshot
  global: Float64Array
  graph?: TransferGraphSnapshot
}

/**
 * Runs one compiled rule: keeps its windows and last-seen times in the screener's entity tables (under
 * its own slot), its transfer graph, and evaluates it on the transfers it applies to.
 */
export class RuleRunner {
  private readonly graph: TransferGraph | undefined
  private readonly contributions: Contribution[]
  /** what the measures read and write in an evaluation, refilled for each */
  private readonly evaluation: MeasureEvaluation
  /**
   * per measure, the number of the evaluation that last evaluated it for its requirements: a measure is done for
   * the current evaluation when it holds `evaluations` (a counter, rather than clearing the array each time)
   */
  private readonly evaluated: Uint32Array
  private evaluations = 0
  /** the entity table this rule's entity namespace uses; -1 without an entity */
  private readonly tableSlot: number
  /** this rule's index in its namespace's per-rule arrays of entity state (0 for the entity-less state) */
  private readonly slot: number
  /** state of a rule without an entity: one window over every transfer, the one row of a table of its own */
  private readonly global = new EntityTable()
  private readonly globalRow: number
  /** the table the rule's windows are found in: its namespace's, or `global` */
  private readonly table: EntityTable
  /** the cursor over this rule's windows (its WindowPool), pointed at the entity's window of each transfer */
  private readonly windows: WindowState
  /** window + lateness: a new window, holding the transfer's event alone, goes idle this long after it */
  private readonly idleAfter: number
  /** true when the rule can never hit with these watchlists and keeps no state: the screener never calls it */
  private readonly inert: boolean

  constructor(
    readonly rule: CompiledRule,
    private readonly entities: EntityIndex,
    latenessMs: number,
    watchlists: Watchlists | undefined,
  ) {
    this.graph = rule.needs.graph ? new TransferGraph(rule.windowMs, latenessMs, rule.graphOptions, entities.parties) : undefined
    this.contributions = rule.windowParts.map(() => Number.NaN)
    this.evaluation = new MeasureEvaluation(rule.measures, this.graph, watchlists)
    this.evaluated = new Uint32Array(rule.measures.length)
    const spec = new WindowSpec(rule.windowAggregates, rule.windowMs, latenessMs)
    this.windows = new WindowState(spec, new WindowPool(spec))
    this.idleAfter = rule.windowMs + latenessMs
    this.tableSlot = rule.entity ? entities.slotOf(rule.entity.namespace) : -1
    this.slot = rule.entity ? entities.ruleSlot(this.tableSlot, this.windows) : this.global.addRule(this.windows)
    this.globalRow = this.global.obtain('')
    this.table = rule.entity ? entities.table(this.tableSlot) : this.global
    this.inert = inertWithout(rule, watchlists)
  }

  /**
   * false when `process` would do nothing with a transfer whose sides have these classes: the guard rules out
   * every side the rule looks from, and it keeps no last-seen times; or the rule is inert (`inertWithout`)
   */
  mayApply(outClass: number, inClass: number): boolean {
    if (this.inert) return false
    const { guard, entity, needs } = this.rule
    if (guard === undefined || needs.seen) return true
    const sides = entity ? entity.perspectives : ONLY_OUT
    return sides.some((side) => guard[side === 'out' ? outClass : inClass] !== 0)
  }

  /** updates state with the transfer and, when `hits` is given, evaluates the rule on it */
  process(views: Views, ctx: TransferContext, hits: Hit[] | undefined, onlyKeys?: ReadonlySet<string>): void {
    const rule = this.rule
    const entity = rule.entity
    // a replay restricted to some entities: a rule without state has nothing to replay, unless it keeps the graph
    if (onlyKeys && !entity && !this.graph) return
    const perspectives = entity ? entity.perspectives : ONLY_OUT
    const keepsState = rule.needs.window || rule.needs.seen
    const guard = rule.guard
    for (let p = 0; p < perspectives.length; p++) {
      const view = views[perspectives[p]!]
      // a class of transfer the rule's conditions rule out: nothing to count or evaluate (a last-seen time still is)
      if (guard !== undefined && guard[view.guardClass] === 0 && !rule.needs.seen) continue
      if (onlyKeys && entity && !this.graph) {
        const k = this.entities.key(view, this.tableSlot, entity)
        if (k === undefined || !onlyKeys.has(`${entity.namespace}:${k}`)) continue
      }
      // the conditions as the transfer's class leaves them: ALWAYS and NEVER need no call
      const where = rule.whereByClass.at(view.guardClass)
      const counted = where === ALWAYS || (where !== NEVER && where(view))
      const when = rule.whenByClass.at(view.guardClass)
      const triggered = hits !== undefined && (when === where ? counted : when === ALWAYS || (when !== NEVER && when(view)))
      // most rules filter most transfers out: then there is no state to touch, unless the rule tracks last-seen times
      if (!counted && !triggered && !rule.needs.seen) continue
      const key = entity ? this.entities.key(view, this.tableSlot, entity) : ''
      if (key === undefined) continue

      let window: WindowState | undefined
      let lastSeen = Number.NaN
      if (keepsState) {
        const adds = counted && rule.needs.window && this.contribute(view)
        const table = this.table
        const row = entity ? this.entities.state(view, this.tableSlot, key, adds || rule.needs.seen) : this.globalRow
        if (row >= 0) {
          const handle = table.window(row, this.slot)
          window = handle >= 0 ? this.windows.at(handle) : undefined
          if (adds) {
            if (window === undefined) {
              window = this.windows.open(ctx.ts, ctx.record.id, this.contributions)
              table.addWindow(row, this.slot, window.handle)
              if (entity) table.opened(row, ctx.ts + this.idleAfter)
            } else {
              window.add(ctx.ts, ctx.record.id, this.contributions)
              // a window that moved to a larger slot
              if (window.handle !== handle) table.setWindow(row, this.slot, window.handle)
            }
            table.added(row, ctx.ts)
          }
          if (rule.needs.seen) {
            const seen = table.seen(row)
            const last = seen[this.slot]
            if (last !== undefined) lastSeen = last
            if (last === undefined || ctx.ts > last) seen[this.slot] = ctx.ts
          }
        }
      }
      // one edge per transfer: from the sender's side, or the receiver's when that is the only side the rule sees
      if (this.graph && counted && (view.direction === 'out' || perspectives.length === 1)) {
        this.graph.add(ctx.record.sender.id, ctx.record.receiver.id, ctx.ts, ctx.amountMinor, ctx.record.id)
      }

      if (!triggered) continue
      const hit = this.evaluate(view, ctx, key, window, lastSeen)
      if (hit) hits.push(hit)
    }
  }

  /**
   * Fills `contributions` with what the transfer adds to each windowed measure; false when it adds to none,
   * so a transfer that every measure's own filter leaves out costs no state (and no memory) at all.
   */
  private contribute(view: TransferView): boolean {
    const parts = this.rule.windowParts
    let any = false
    for (let slot = 0; slot < parts.length; slot++) {
      const c = parts[slot]!.extract(view)
      if (c === undefined) this.contributions[slot] = Number.NaN
      else {
        this.contributions[slot] = typeof c === 'string' ? textNumber(c) : c
        any = true
      }
    }
    return any
  }

  /** forgets graph edges and the entity-less window once they left the window (entity tables are swept by the screener) */
  sweep(now: number): void {
    this.global.dropWindows(this.globalRow, (_slot, handle) => releaseIfIdle(this.windows, handle, now))
    this.graph?.sweep(now)
  }

  snapshot(): RuleRunnerSnapshot {
    const global: number[] = []
    this.global.writeRow(this.globalRow, global)
    const graph = this.graph?.snapshot()
    return { windows: this.windows.pool.snapshot(), global: Float64Array.from(global), ...(graph && { graph }) }
  }

  /** takes over a snapshot of the same rule's state; this runner must not have seen a transfer yet */
  restore(s: RuleRunnerSnapshot): void {
    if (!this.graph !== !s.graph) throw new Error(`rule ${this.rule.id}: a snapshot ${s.graph ? 'with' : 'without'} a transfer graph`)
    this.windows.pool.restore(s.windows)
    this.global.readRow(this.globalRow, s.global, { at: 0 })
    if (s.graph) this.graph!.restore(s.graph)
  }

  /** graph nodes and the entity-less window: live state outside the entity tables */
  get liveState(): number {
    return (this.graph?.nodes ?? 0) + this.global.windowSlots.windowCount(this.globalRow)
  }

  private restartEvaluations(): number {
    this.evaluated.fill(0)
    return (this.evaluations = 1)
  }

  private evaluate(
    view: TransferView,
    ctx: TransferContext,
    key: string,
    window: WindowState | undefined,
    lastSeen: number,
  ): Hit | undefined {
    const rule = this.rule
    const ev = this.evaluation
    ev.start(view, ctx, window, lastSeen)
    // one buffer per rule: evaluation is synchronous and the values are copied into the hit's reason
    const values = ev.values
    const measures = rule.measures
    // the requirements first, each with the measures it reads, stopping at the first that fails
    const done = this.evaluated
    // 1 to 2^32 - 1, then 1 again: the array is cleared once when the counter wraps
    const current = this.evaluations === 0xffffffff ? this.restartEvaluations() : ++this.evaluations
    const steps = rule.requireSteps
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!
      for (let k = 0; k < step.measures.length; k++) {
        const i = step.measures[k]!
        if (done[i] === current) continue
        values[i] = measures[i]!.evaluate(ev, measures[i]!)
        done[i] = current
      }
      if (!step.test(values)) return undefined
    }
    // then every measure in the rule's order, from no evidence, as evaluating them all at once would leave it
    ev.start(view, ctx, window, lastSeen)
    for (let i = 0; i < measures.length; i++) {
      const m = measures[i]!
      values[i] = m.evaluate(ev, m)
    }
    if (!rule.require(values)) return undefined
    const scored = rule.scoreMeasure >= 0 ? values[rule.scoreMeasure]! : 1
    const band = rule.score(scored)
    if (!(band.score > 0)) return undefined
    const render = (band.reason !== undefined && rule.bandReasons.get(band.reason)) || rule.reason
    // the measures' placeholders, with the window and entity every reason may name
    const extra = ev.extra ?? {}
    extra.window = rule.window ?? ''
    extra.entity = key
    const scoreMeasure = rule.measures[rule.scoreMeasure]
    // built property by property rather than with conditional spreads: on a busy state most transfers hit
    // several rules, and temporary objects to spread would be the larger part of a hit's cost. Key order is output.
    const evidence = {} as HitEvidence
    if (rule.entity) evidence.entity = `${rule.entity.namespace}:${key}`
    evidence.measure = scoreMeasure ? scoreMeasure.name : 'fixed'
    evidence.value = scoreMeasure ? Math.round(scored * 100) / 100 : 1
    if (rule.window) evidence.window = rule.window
    const limit = Math.max(1, rule.evidenceLimit)
    const ids = ev.transfers ?? window?.recentIds(ctx.ts, rule.evidenceLimit) ?? [ctx.record.id]
    evidence.transfers = ids.length > limit ? ids.slice(-limit) : ids
    if (ev.matches) evidence.matches = ev.matches
    return {
      rule: rule.id,
      version: rule.version,
      typology: rule.typology,
      score: weightedScore(band.score, rule.weight),
      modifier: rule.modifier,
      reason: render(values, view, extra),
      evidence,
    }
  }
}

const ONLY_OUT: readonly Direction[] = ['out']

/**
 * A rule that keeps no state and is scored by a measure that is 0 without a kind of list these watchlists lack
 * (sanctions-name without names, ad-contact-indicator without indicators), with no score at 0: it cannot hit.
 * The watchlists are the screener's for its life (a reload makes new screeners).
 */
function inertWithout(rule: CompiledRule, watchlists: Watchlists | undefined): boolean {
  const { needs } = rule
  if (needs.window || needs.seen || needs.graph || rule.scoreMeasure < 0) return false
  const list = rule.measures[rule.scoreMeasure]!.zeroWithout
  return list !== undefined && watchlists?.[list] === undefined && !(rule.score(0).score > 0)
}
