import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { measureFilter, WINDOW_COST, windowAmount, windowed } from './windowed.ts'

/** `{ sum: amount }`: the amounts of the transfers in the entity's window, in the base currency. */
export const sum = defineMeasure({
  key: 'sum',
  schema: z.object({ sum: z.literal('amount'), ...windowed }).strict(),
  compile(spec, ctx) {
    const filter = measureFilter(spec, ctx)
    return {
      unit: 'money',
      window: { aggregate: 'sum', extract: (v) => (filter(v) ? v.ctx.amountMinor : undefined) },
      cost: WINDOW_COST,
      evaluate: windowAmount,
    }
  },
})
