import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import type { TransferView } from '../../screen/view.ts'
import { ConditionsSchema, type Conditions } from '../condition-schema.ts'
import { ClassConditions, conditionTree } from '../class-conditions.ts'
import { compileConditions, type Predicate } from '../conditions.ts'
import type { MeasureCompileContext, MeasureCost, MeasureEvaluate, MeasurePlan } from './measure.ts'

/** What the window measures (count, sum, max, distinct) share: a `where` of their own, a window, a cost. */

/** the keys every window measure takes besides its own */
export const windowed = { where: ConditionsSchema.optional() }

/**
 * the measure's own filter on the transfers its window takes, compiled whole: its conditions by class (`classFilter`)
 * serve only to rule classes out before `extract` is called (`WindowPart.admits`). Testing them by class on each
 * transfer, as a rule's `where` is, was tried: a wrapper per filter made the whole pack slower in process (session
 * cpu28 in BENCHMARKS.md), though each rule alone was faster.
 */
export function measureFilter(spec: { where?: Conditions | undefined }, ctx: MeasureCompileContext): Predicate<TransferView> {
  return classFilter(spec, ctx).test
}

/** the measure's own `where` by class of transfer; undefined without one */
export function measureFilterByClass(spec: { where?: Conditions | undefined }, ctx: MeasureCompileContext): ClassConditions | undefined {
  return spec.where === undefined ? undefined : new ClassConditions(conditionTree(spec.where, ctx.fields))
}

/** the filter (`measureFilter`) and, with a `where`, the same by class (a window part's `admits`) */
export interface ClassFilter {
  test: Predicate<TransferView>
  byClass: ClassConditions | undefined
}

/** `measureFilter` and its conditions by class, for `filteredPart` */
export function classFilter(spec: { where?: Conditions | undefined }, ctx: MeasureCompileContext): ClassFilter {
  // problems are reported by the whole compile, with their places
  return { test: compileConditions(spec.where, [...ctx.at, 'where'], ctx.fields), byClass: measureFilterByClass(spec, ctx) }
}

/** a window part's `admits` from its measure's own filter (`classFilter`): every class without a `where` */
export function admitted(filter: ClassFilter): ClassConditions {
  return filter.byClass ?? EVERY_CLASS
}

const EVERY_CLASS = new ClassConditions({ kind: 'all', parts: [] })

/** a window event costs about 0.5 more per aggregate it folds */
export const WINDOW_COST: Partial<MeasureCost> = { add: 0.5 }

/** the aggregate over the entity's window at the transfer's time; 0 without a window */
export const windowValue: MeasureEvaluate = (ev, self) => {
  const window = ev.window
  return window ? window.measure(self.slot, ev.ctx.ts) : 0
}

/** the same for amounts, which the window keeps in minor units: in major units */
export const windowAmount: MeasureEvaluate = (ev, self) => {
  const window = ev.window
  return window ? window.measure(self.slot, ev.ctx.ts) / MINOR_PER_MAJOR : 0
}

/** How a window aggregate of the transfers' amounts (sum, max) compiles: the same but for how the window folds them. */
export function amountWindow(aggregate: 'sum' | 'max') {
  return (spec: { where?: Conditions | undefined }, ctx: MeasureCompileContext): MeasurePlan => {
    const filter = classFilter(spec, ctx)
    const test = filter.test
    return {
      unit: 'money',
      window: { aggregate, extract: (v) => (test(v) ? v.ctx.amountMinor : undefined), admits: admitted(filter) },
      cost: WINDOW_COST,
      evaluate: windowAmount,
    }
  }
}
