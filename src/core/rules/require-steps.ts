import type { Condition, Conditions } from './condition-schema.ts'
import { compileConditions, type ConditionScope, type Predicate } from './conditions.ts'
import type { CompiledMeasure } from './measures/measure.ts'
import { isOperators } from './operators.ts'

/**
 * A rule's `require` as steps the runner checks one after another, each after evaluating only the measures it
 * reads: most evaluations fail a requirement, and then the measures no step reached (often the costly ones, such
 * as distinct counts) are never evaluated. `require` is a conjunction of its conditions and measures are pure
 * reads of the rule's state, so the steps fail exactly when `require` does; a transfer that passes them all has
 * every measure evaluated again in the rule's order, for its score, reason and evidence.
 */
export interface RequireStep {
  /** the measures the step reads, in evaluation order (the ones they read first) */
  measures: readonly number[]
  test: Predicate<readonly number[]>
}

export function requireSteps(
  require: Conditions | undefined,
  measures: readonly CompiledMeasure[],
  index: ReadonlyMap<string, number>,
  scope: ConditionScope<readonly number[]>,
): RequireStep[] {
  const silent: ConditionScope<readonly number[]> = { ...scope, report: () => {} }
  const steps = conjuncts(require).map((c) => {
    const read = new Set<number>()
    for (const name of namesIn(c)) {
      const i = index.get(name)
      if (i === undefined) continue
      for (const r of measures[i]!.reads) read.add(r)
      read.add(i)
    }
    return { measures: [...read].sort((a, b) => a - b), test: compileConditions(c, [], silent) }
  })
  // the cheapest steps first: the conjunction's order does not change its value
  const cost = (s: RequireStep) => s.measures.reduce((t, i) => t + 1 + measures[i]!.cost.evaluation, 0)
  return steps.sort((a, b) => cost(a) - cost(b))
}

/** the conditions ANDed at the top: lists and `all` opened, a condition on several fields split by field */
function conjuncts(conds: Conditions | undefined): Condition[] {
  if (conds === undefined) return []
  if (Array.isArray(conds)) return conds.flatMap(conjuncts)
  if ('all' in conds && Array.isArray(conds.all)) return (conds.all as Condition[]).flatMap(conjuncts)
  if (('any' in conds && Array.isArray(conds.any)) || ('not' in conds && typeof conds.not === 'object')) return [conds]
  return Object.entries(conds).map(([name, ops]) => ({ [name]: ops }) as Condition)
}

/** every field name a condition reads */
function namesIn(cond: Condition): string[] {
  if ('any' in cond && Array.isArray(cond.any)) return (cond.any as Condition[]).flatMap(namesIn)
  if ('all' in cond && Array.isArray(cond.all)) return (cond.all as Condition[]).flatMap(namesIn)
  if ('not' in cond && typeof cond.not === 'object' && cond.not !== null && !Array.isArray(cond.not)) {
    // `not` around operators is a field named "not"; around a condition, that condition's names
    if (!isOperators(cond.not)) return namesIn(cond.not as Condition)
  }
  return Object.keys(cond)
}
