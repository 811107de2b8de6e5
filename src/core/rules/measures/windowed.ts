import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import type { TransferView } from '../../screen/view.ts'
import { ConditionsSchema, type Conditions } from '../condition-schema.ts'
import { ALWAYS, ClassConditions, conditionTree, NEVER } from '../class-conditions.ts'
import { compileConditions, type Predicate } from '../conditions.ts'
import type { WindowAggregate } from '../../state/window.ts'
import type { MeasureCompileContext, MeasureCost, MeasureEvaluate, MeasurePlan, WindowPart } from './measure.ts'

/** What the window measures (count, sum, max, distinct) share: a `where` of their own, a window, a cost. */

/** the keys every window measure takes besides its own */
export const windowed = { where: ConditionsSchema.optional() }

/**
 * the measure's own filter on the transfers its window takes, by the view's class of transfer as a rule's `where`
 * is (class-conditions.ts): what the class's fields decide (dormant-reactivation's `direction: { eq: in }`) is not
 * tested again on each transfer, and a class the filter rules out costs no test at all
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

/** `measureFilter` with its conditions by class, for `filteredPart` */
export function classFilter(spec: { where?: Conditions | undefined }, ctx: MeasureCompileContext): ClassFilter {
  // compiled whole for its problems (reported with their places) and for a filter without conditions
  const whole = compileConditions(spec.where, [...ctx.at, 'where'], ctx.fields)
  const byClass = measureFilterByClass(spec, ctx)
  if (byClass === undefined) return { test: whole, byClass }
  const test: Predicate<TransferView> = (v) => {
    const left = byClass.at(v.guardClass)
    return left === ALWAYS || (left !== NEVER && left(v))
  }
  return { test, byClass }
}

/** a window part that adds `value` of each transfer its measure's own `where` (`classFilter`) takes */
export function filteredPart(aggregate: WindowAggregate, { test, byClass }: ClassFilter, value: (v: TransferView) => number | string | undefined): WindowPart {
  return { aggregate, extract: (v) => (test(v) ? value(v) : undefined), admits: byClass ?? EVERY_CLASS }
}

/** the `admits` of a part without a `where`: every class */
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
    return {
      unit: 'money',
      window: filteredPart(aggregate, filter, (v) => v.ctx.amountMinor),
      cost: WINDOW_COST,
      evaluate: windowAmount,
    }
  }
}
