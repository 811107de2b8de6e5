import { ScreeningError, Screener, type CompiledRuleset, type Decision, type Hit, type TransferRecord, type Watchlists } from '../core/index.ts'
import type { ShadowPlan } from './shadow-plan.ts'
import type { ShadowOutcome } from './shadow-thread-port.ts'

/**
 * The shadow's screening of one call as the comparison and `shadow_verdicts` need it, following its plan: the
 * rules the plan evaluates run here (their state kept here), the reused rules' hits are the active screening's,
 * and the candidate's scoring combines both. Used on the event loop and in the shadow's thread alike.
 */
export class ShadowScreening {
  readonly screener: Screener
  /** the candidate's rule order, to put reused and own hits back in it */
  readonly #rank: Map<string, number>
  readonly #reusing: boolean
  /** the reused rules weighted otherwise: the active hit's score to the candidate's, by rule */
  readonly #rescore: Map<string, Map<number, number>>

  constructor(ruleset: CompiledRuleset, plan: ShadowPlan, watchlists?: Watchlists) {
    this.screener = new Screener(ruleset, { rules: plan.evaluate, ...(watchlists && { watchlists }) })
    this.#rank = new Map(ruleset.rules.map((r, i) => [r.id, i]))
    this.#reusing = plan.reuse.length > 0
    this.#rescore = new Map((plan.rescore ?? []).map((r) => [r.rule, new Map(r.scores)]))
  }

  /**
   * The verdict's outcome; its JSON only when its row is kept (the shadow alerts, or the active set did).
   * `reused`: the active screening's raw hits of the rules the plan reuses (sharedHits). Undefined when the
   * rules cannot take the record (e.g. a currency with no rate).
   */
  outcome(record: TransferRecord, activeDecision: Decision, reused: readonly Hit[] = []): ShadowOutcome | undefined {
    try {
      const own = this.screener.hits(record)
      const hits = !this.#reusing || reused.length === 0 ? own : this.#inRuleOrder(this.#rescored(reused), own)
      const v = this.screener.verdict(record, hits)
      const kept = v.decision !== 'clear' || activeDecision !== 'clear'
      return { decision: v.decision, score: v.score, rules: v.hits.map((h) => h.rule), ...(kept && { json: JSON.stringify(v) }) }
    } catch (err) {
      if (!(err instanceof ScreeningError)) throw err
      return undefined
    }
  }

  /** the reused hits with the candidate's weights */
  #rescored(reused: readonly Hit[]): readonly Hit[] {
    if (this.#rescore.size === 0) return reused
    return reused.map((h) => {
      const scores = this.#rescore.get(h.rule)
      if (!scores) return h
      const score = scores.get(h.score)
      // the plan maps every score the rule's bands give: another is a bug, not a call to score wrongly
      if (score === undefined) throw new Error(`shadow: no candidate score for ${h.rule}'s active score ${h.score}`)
      return { ...h, score }
    })
  }

  // sort is stable: one rule's hits (one per perspective) keep their order
  #inRuleOrder(reused: readonly Hit[], own: Hit[]): Hit[] {
    const rank = this.#rank
    return [...reused, ...own].sort((a, b) => rank.get(a.rule)! - rank.get(b.rule)!)
  }
}

/** Of the active screening's raw hits, those of the rules a plan reuses (most calls: none, and no array). */
export function sharedHits(activeHits: readonly Hit[], reuse: ReadonlySet<string>): Hit[] | undefined {
  let shared: Hit[] | undefined
  for (const h of activeHits) if (reuse.has(h.rule)) (shared ??= []).push(h)
  return shared
}
