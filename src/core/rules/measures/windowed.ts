import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import type { TransferView } from '../../screen/view.ts'
import { ConditionsSchema, type Conditions } from '../condition-schema.ts'
import { compileConditions, type Predicate } from '../conditions.ts'
import { durationText, gapMs } from './graph-options.ts'
import type { MeasureCompileContext, MeasureCost, MeasureEvaluate, MeasurePlan, WindowPart } from './measure.ts'

/** What the window measures (count, sum, max, distinct) share: a `where` of their own, a window, a cost. */

/** the keys every window measure takes besides its own */
export const windowed = { where: ConditionsSchema.optional() }

/**
 * count, sum, max and distinct also take `within`: the last stretch of the window the measure reads (a rule whose
 * window is longer for a look-back, such as new payers against the 30 days before, still sums, counts and tells
 * amounts apart over the stretch it is about)
 */
export const windowedRecent = { ...windowed, within: durationText.optional() }

type Fold = 'count' | 'sum' | 'max' | 'distinct'

/**
 * A window measure with `within`: the window keeps each transfer's contribution as it is ('max' folds nothing
 * here) and the evaluation reads those of the last `within` only, newest first, one pass.
 */
export function recentWindow(fold: Fold, extract: WindowPart['extract'], within: string, money: boolean): MeasurePlan {
  const span = gapMs(within)!
  const seen = new Set<number>()
  return {
    unit: money ? 'money' : 'count',
    window: { aggregate: 'max', extract },
    cost: { add: 0.5, evaluation: 1 },
    evaluate: (ev, self) => {
      const window = ev.window
      if (!window) return 0
      const since = ev.ctx.ts - span
      let acc = 0
      seen.clear()
      window.eachValue(self.slot, ev.ctx.ts, (ts, value) => {
        if (ts <= since) return false
        if (fold === 'count') acc++
        else if (fold === 'sum') acc += value
        else if (fold === 'max') acc = Math.max(acc, value)
        else seen.add(value)
        return true
      })
      const out = fold === 'distinct' ? seen.size : acc
      return money ? out / MINOR_PER_MAJOR : out
    },
  }
}

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
  return (spec: { where?: Conditions | undefined; within?: string | undefined }, ctx: MeasureCompileContext): MeasurePlan => {
    const filter = measureFilter(spec, ctx)
    if (spec.within !== undefined) return recentWindow(aggregate, (v) => (filter(v) ? v.ctx.amountMinor : undefined), spec.within, true)
    return {
      unit: 'money',
      window: { aggregate, extract: (v) => (filter(v) ? v.ctx.amountMinor : undefined) },
      cost: WINDOW_COST,
      evaluate: windowAmount,
    }
  }
}
