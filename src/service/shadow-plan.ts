import type { CompiledRuleset } from '../core/index.ts'
import { screeningContext } from '../core/index.ts'

/**
 * Which of a candidate's rules the shadow runs itself. A candidate is usually the active set with a few rules
 * tuned: a rule whose definition (its file, weight, the lists it names) equals an active rule's, under the same
 * rates, base currency and lateness, gives the active rule's hits on the same transfers, so the shadow takes
 * those from the active screening and keeps state for, and runs, only the rules that differ. Plain data, so it
 * can be posted to the shadow's thread.
 */
export interface ShadowPlan {
  /** the active version whose hits are taken: calls screened by any other need a full evaluation */
  activeVersion: string
  /** the candidate's rule indices the shadow runs, in order */
  evaluate: number[]
  /** ids of the candidate's rules whose hits come from the active screening (none: a full evaluation) */
  reuse: string[]
}

/** The plan against `active`: every rule evaluated when the screening context differs or no rule can be reused. */
export function planShadow(active: CompiledRuleset, candidate: CompiledRuleset): ShadowPlan {
  const all = fullPlan(candidate, active.version)
  if (screeningContext(active) !== screeningContext(candidate)) return all
  const activeDefinitions = new Map(active.rules.map((r) => [r.id, r.definition]))
  const evaluate: number[] = []
  const reuse: string[] = []
  candidate.rules.forEach((rule, i) => {
    const same = rule.definition !== undefined && activeDefinitions.get(rule.id) === rule.definition
    if (same) reuse.push(rule.id)
    else evaluate.push(i)
  })
  return reuse.length === 0 ? all : { activeVersion: active.version, evaluate, reuse }
}

/** a plan that runs every rule of the candidate itself */
export const isFullPlan = (plan: ShadowPlan): boolean => plan.reuse.length === 0

/** every rule of the candidate evaluated by the shadow itself, whatever the active set */
export function fullPlan(candidate: CompiledRuleset, activeVersion = ''): ShadowPlan {
  return { activeVersion, evaluate: candidate.rules.map((_r, i) => i), reuse: [] }
}
