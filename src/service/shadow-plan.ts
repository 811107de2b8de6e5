import type { CompiledRule, CompiledRuleset } from '../core/index.ts'
import { screeningContext, weightedScore } from '../core/index.ts'

/**
 * Which of a candidate's rules the shadow runs itself. A candidate is usually the active set with a few rules
 * tuned: a rule whose definition (its file, the lists it names) equals an active rule's, under the same rates,
 * base currency and lateness, gives the active rule's hits on the same transfers, so the shadow takes those from
 * the active screening and keeps state for, and runs, only the rules that differ. When only the rule's weight
 * differs, the hits are the same but for their scores, which map one to one from the active's (`rescore`). Plain
 * data, so it can be posted to the shadow's process.
 */
export interface ShadowPlan {
  /** the active version whose hits are taken: calls screened by any other need a full evaluation */
  activeVersion: string
  /** the candidate's rule indices the shadow runs, in order */
  evaluate: number[]
  /** ids of the candidate's rules whose hits come from the active screening (none: a full evaluation) */
  reuse: string[]
  /** of those, the rules weighted otherwise, and for each the active hit's score to the candidate's */
  rescore?: { rule: string; scores: [active: number, candidate: number][] }[]
}

/** The plan against `active`: every rule evaluated when the screening context differs or no rule can be reused. */
export function planShadow(active: CompiledRuleset, candidate: CompiledRuleset): ShadowPlan {
  const all = fullPlan(candidate, active.version)
  if (screeningContext(active) !== screeningContext(candidate)) return all
  const activeRules = new Map(active.rules.map((r) => [r.id, r]))
  const evaluate: number[] = []
  const reuse: string[] = []
  const rescore: NonNullable<ShadowPlan['rescore']> = []
  candidate.rules.forEach((rule, i) => {
    const was = activeRules.get(rule.id)
    const same = was !== undefined && rule.definition !== undefined && was.definition === rule.definition
    const scores = same && was.weight !== rule.weight ? scoreMap(was, rule) : undefined
    if (same && (was.weight === rule.weight || scores)) reuse.push(rule.id)
    else evaluate.push(i)
    if (scores) rescore.push({ rule: rule.id, scores })
  })
  if (reuse.length === 0) return all
  return { activeVersion: active.version, evaluate, reuse, ...(rescore.length > 0 && { rescore }) }
}

/**
 * Each score the active rule's hits can have, to the candidate's under its weight; undefined when two of the
 * rule's scores give one active score but two candidate scores (rounding to one decimal), so the map is not exact
 */
function scoreMap(active: CompiledRule, candidate: CompiledRule): [number, number][] | undefined {
  const map = new Map<number, number>()
  for (const score of candidate.scores) {
    const from = weightedScore(score, active.weight)
    const to = weightedScore(score, candidate.weight)
    if (map.has(from) && map.get(from) !== to) return undefined
    map.set(from, to)
  }
  return [...map]
}

/** a plan that runs every rule of the candidate itself */
export const isFullPlan = (plan: ShadowPlan): boolean => plan.reuse.length === 0

/** every rule of the candidate evaluated by the shadow itself, whatever the active set */
export function fullPlan(candidate: CompiledRuleset, activeVersion = ''): ShadowPlan {
  return { activeVersion, evaluate: candidate.rules.map((_r, i) => i), reuse: [] }
}
