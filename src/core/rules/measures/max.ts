import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { measureFilter, WINDOW_COST, windowAmount, windowed } from './windowed.ts'

/** `{ max: amount }`: the largest amount among the transfers in the entity's window. */
export const max = defineMeasure({
  key: 'max',
  schema: z.object({ max: z.literal('amount'), ...windowed }).strict(),
  compile(spec, ctx) {
    const filter = measureFilter(spec, ctx)
    return {
      unit: 'money',
      window: { aggregate: 'max', extract: (v) => (filter(v) ? v.ctx.amountMinor : undefined) },
      cost: WINDOW_COST,
      evaluate: windowAmount,
    }
  },
})
