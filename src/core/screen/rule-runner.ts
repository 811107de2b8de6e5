import { MINOR_PER_MAJOR } from '../money/convert.ts'
import type { CompiledRule, IndicatorType } from '../rules/compiled.ts'
import { DAY_MS } from '../rules/compile-rule.ts'
import type { Watchlists } from '../rules/watchlist-port.ts'
import { TransferGraph } from '../state/graph.ts'
import { EntityState } from '../state/entities.ts'
import type { EntityIndex } from '../state/entity-index.ts'
import { textNumber } from '../state/text-number.ts'
import { WindowSpec, WindowState, type Contribution } from '../state/window.ts'
import type { Hit, HitEvidence } from './verdict.ts'
import type { Direction, TransferContext, TransferView } from './view.ts'

type Views = Record<Direction, TransferView>

/**
 * Runs one compiled rule: keeps its windows and last-seen times in the screener's entity tables (under
 * its own slot), its transfer graph, and evaluates it on the transfers it applies to.
 */
export class RuleRunner {
  private readonly graph: TransferGraph | undefined
  private readonly contributions: Contribution[]
  /** measure values of the transfer being evaluated */
  private readonly measured: number[]
  private readonly nameMemo = new Map<string, NameHit | undefined>()
  /** the entity table this rule's entity namespace uses; -1 without an entity */
  private readonly tableSlot: number
  /** this rule's index in its namespace's per-rule arrays of entity state (0 for the entity-less state) */
  private readonly slot: number
  /** state of a rule without an entity: one window over every transfer */
  private readonly global = new EntityState('', 1)
  private readonly windowSpec: WindowSpec

  constructor(
    readonly rule: CompiledRule,
    private readonly entities: EntityIndex,
    latenessMs: number,
    private readonly watchlists: Watchlists | undefined,
  ) {
    this.graph = rule.needs.graph ? new TransferGraph(rule.windowMs, latenessMs) : undefined
    this.contributions = rule.windowAggregates.map(() => Number.NaN)
    this.measured = rule.measures.map(() => 0)
    this.tableSlot = rule.entity ? entities.slotOf(rule.entity.namespace) : -1
    this.slot = rule.entity ? entities.ruleSlot(this.tableSlot) : 0
    this.windowSpec = new WindowSpec(rule.windowAggregates, rule.windowMs, latenessMs)
  }

  /** updates state with the transfer and, when `hits` is given, evaluates the rule on it */
  process(views: Views, ctx: TransferContext, hits: Hit[] | undefined, onlyKeys?: ReadonlySet<string>): void {
    const rule = this.rule
    const entity = rule.entity
    // a replay restricted to some entities: a rule without state has nothing to replay, unless it keeps the graph
    if (onlyKeys && !entity && !this.graph) return
    const perspectives = entity ? entity.perspectives : ONLY_OUT
    const keepsState = rule.needs.window || rule.needs.seen
    for (let p = 0; p < perspectives.length; p++) {
      const view = views[perspectives[p]!]
      if (onlyKeys && entity && !this.graph) {
        const k = this.entities.key(view, this.tableSlot, entity)
        if (k === undefined || !onlyKeys.has(`${entity.namespace}:${k}`)) continue
      }
      const counted = rule.where(view)
      const triggered = hits !== undefined && (rule.when === rule.where ? counted : rule.when(view))
      // most rules filter most transfers out: then there is no state to touch, unless the rule tracks last-seen times
      if (!counted && !triggered && !rule.needs.seen) continue
      const key = entity ? this.entities.key(view, this.tableSlot, entity) : ''
      if (key === undefined) continue

      let window: WindowState | undefined
      let lastSeen: number | undefined
      if (keepsState) {
        const adds = counted && rule.needs.window && this.contribute(view)
        const state = entity ? this.entities.state(view, this.tableSlot, key, adds || rule.needs.seen) : this.global
        if (state) {
          window = state.window(this.slot)
          if (adds) {
            if (!window) {
              window = new WindowState(this.windowSpec)
              state.addWindow(this.slot, window)
            }
            window.add(ctx.ts, ctx.record.id, this.contributions)
          }
          if (rule.needs.seen) {
            const seen = (state.seen ??= new Array<number | undefined>(state.slots))
            lastSeen = seen[this.slot]
            if (lastSeen === undefined || ctx.ts > lastSeen) seen[this.slot] = ctx.ts
          }
        }
      }
      if (this.graph && counted && view.direction === 'out') {
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
    let slot = 0
    let any = false
    for (const m of this.rule.measures) {
      if (m.kind !== 'windowed') continue
      const c = m.extract(view)
      if (c === undefined) this.contributions[slot++] = Number.NaN
      else {
        this.contributions[slot++] = typeof c === 'string' ? textNumber(c) : c
        any = true
      }
    }
    return any
  }

  /** forgets graph edges and the entity-less window once they left the window (entity tables are swept by the screener) */
  sweep(now: number): void {
    this.global.dropWindows((w) => w.isIdle(now))
    this.graph?.sweep(now)
  }

  /** graph nodes and the entity-less window: live state outside the entity tables */
  get liveState(): number {
    return (this.graph?.nodes ?? 0) + this.global.windowCount()
  }

  private evaluate(
    view: TransferView,
    ctx: TransferContext,
    key: string,
    window: WindowState | undefined,
    lastSeen: number | undefined,
  ): Hit | undefined {
    const rule = this.rule
    // one buffer per rule: evaluation is synchronous and the values are copied into the hit's reason
    const values = this.measured
    // filled only by list measures; window and entity are added when a reason is rendered
    let extra: Record<string, string> | undefined
    let transfers: string[] | undefined
    let matches: HitEvidence['matches']
    for (let i = 0; i < rule.measures.length; i++) {
      const m = rule.measures[i]!
      switch (m.kind) {
        case 'windowed': {
          const v = window ? window.measure(m.slot, ctx.ts) : 0
          values[i] = m.unit === 'money' ? v / MINOR_PER_MAJOR : v
          break
        }
        case 'ratio': {
          const den = values[m.of[1]]!
          values[i] = den > 0 ? values[m.of[0]]! / den : 0
          break
        }
        case 'value':
          values[i] = m.get(view) ?? Number.NaN
          break
        case 'gap_days':
          values[i] = lastSeen === undefined ? Number.NaN : (ctx.ts - lastSeen) / DAY_MS
          break
        case 'age_days': {
          const opened = view.party.accountOpened
          values[i] = opened === undefined ? Number.NaN : (ctx.ts - Date.parse(opened)) / DAY_MS
          break
        }
        case 'cycle': {
          const found = this.graph!.findCycle(ctx.record.sender.id, ctx.record.receiver.id, ctx.ts, ctx.amountMinor, m.search)
          values[i] = found ? found.hops : 0
          if (found) transfers = [...found.transfers, ctx.record.id]
          break
        }
        case 'name_match': {
          const best = this.bestNameMatch(view.party.name, m.type)
          values[i] = best?.score ?? 0
          if (best) {
            matches = [{ list: best.entry.list, entry: best.entry.id, matched: best.matchedName, score: best.score }]
            extra = { matched: best.matchedName, list: best.entry.list }
          }
          break
        }
        case 'indicator': {
          const found = this.indicatorHits(view, m.types)
          values[i] = found.length
          if (found.length > 0) {
            matches = found
            extra = { matched: found.map((f) => f.matched).join(', '), list: [...new Set(found.map((f) => f.list))].join(', ') }
          }
          break
        }
      }
    }
    if (!rule.require(values)) return undefined
    const scored = rule.scoreMeasure >= 0 ? values[rule.scoreMeasure]! : 1
    const band = rule.score(scored)
    if (!(band.score > 0)) return undefined
    const render = (band.reason !== undefined && rule.bandReasons.get(band.reason)) || rule.reason
    if (extra === undefined) extra = {}
    extra.window = rule.window ?? ''
    extra.entity = key
    const scoreMeasure = rule.measures[rule.scoreMeasure]
    // built property by property rather than with conditional spreads: on a busy state most transfers hit
    // several rules, and spreading temporary objects was the larger part of a hit's cost. Key order is output.
    const evidence = {} as HitEvidence
    if (rule.entity) evidence.entity = `${rule.entity.namespace}:${key}`
    evidence.measure = scoreMeasure ? scoreMeasure.name : 'fixed'
    evidence.value = scoreMeasure ? Math.round(scored * 100) / 100 : 1
    if (rule.window) evidence.window = rule.window
    const limit = Math.max(1, rule.evidenceLimit)
    const ids = transfers ?? window?.recentIds(ctx.ts, rule.evidenceLimit) ?? [ctx.record.id]
    evidence.transfers = ids.length > limit ? ids.slice(-limit) : ids
    if (matches) evidence.matches = matches
    return {
      rule: rule.id,
      version: rule.version,
      typology: rule.typology,
      score: Math.round(band.score * rule.weight * 10) / 10,
      modifier: rule.modifier,
      reason: render(values, view, extra),
      evidence,
    }
  }

  /**
   * The best list match for a party name. Parties come back again and again in a batch while the lists stay
   * the same for the screener's life, so answers are remembered (a bounded memo, emptied when full).
   */
  private bestNameMatch(name: string | undefined, type: 'person' | 'org' | undefined): NameHit | undefined {
    const names = this.watchlists?.names
    if (!name || !names) return undefined
    const key = type ? `${type}\u0000${name}` : name
    if (this.nameMemo.has(key)) return this.nameMemo.get(key)
    const best = names.search(name, { ...(type && { type }), limit: 1 })[0]
    if (this.nameMemo.size >= NAME_MEMO_SIZE) this.nameMemo.clear()
    this.nameMemo.set(key, best)
    return best
  }

  private indicatorHits(view: TransferView, types: readonly IndicatorType[]): NonNullable<HitEvidence['matches']> {
    const lookup = this.watchlists?.indicators
    if (!lookup) return []
    const party = view.party
    const out: NonNullable<HitEvidence['matches']> = []
    for (const type of types) {
      const raw = indicatorValue(type, party)
      if (!raw) continue
      for (const hit of lookup.lookup(type, raw)) out.push({ list: hit.list, entry: `${hit.type}:${hit.value}`, matched: raw, score: 1 })
    }
    return out
  }
}

const ONLY_OUT: readonly Direction[] = ['out']
const NAME_MEMO_SIZE = 50_000
type NameHit = ReturnType<NonNullable<Watchlists['names']>['search']>[number]

function indicatorValue(type: IndicatorType, party: TransferView['party']): string | undefined {
  switch (type) {
    case 'phone':
      return party.phone
    case 'email':
      return party.email
    case 'handle':
      return party.handle
    case 'account':
      return party.account
    case 'wallet':
      // crypto parties are keyed by their address
      return party.account ?? party.id
    case 'name':
      return party.name
  }
}
