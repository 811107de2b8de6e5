import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import type { TransferView } from '../../screen/view.ts'
import { ConditionsSchema, type Conditions } from '../condition-schema.ts'
import { compileConditions, type Predicate } from '../conditions.ts'
import type { MeasureCompileContext, MeasureCost, MeasureEvaluate, MeasurePlan } from './measure.ts'

/** What the window measures (count, sum, max, distinct) share: a `where` of their own, a window, a cost. */

/** the keys every window measure takes besides its own */
export const windowed = { where: ConditionsSchema.optional() }

/** the measure's own filter on the transfers its window takes */
export function measureFilter(spec: { where?: Conditions | undefined }, ctx: MeasureCompileContext): Predicate<TransferView> {
  return compileConditions(spec.where, [...ctx.at, 'where'], ctx.fields)
}

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
    const filter = measureFilter(spec, ctx)
    return {
      unit: 'money',
      window: { aggregate, extract: (v) => (filter(v) ? v.ctx.amountMinor : undefined) },
      cost: WINDOW_COST,
      evaluate: windowAmount,
    }
  }
}
