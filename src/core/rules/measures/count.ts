import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { admitted, classFilter, WINDOW_COST, windowed, windowValue } from './windowed.ts'

/** `{ count: true }`: transfers in the entity's window (that pass the measure's own `where`). */
export const count = defineMeasure({
  key: 'count',
  schema: z.object({ count: z.literal(true), ...windowed }).strict(),
  compile(spec, ctx) {
    const filter = classFilter(spec, ctx)
    const test = filter.test
    return {
      unit: 'count',
      window: { aggregate: 'count', extract: (v) => (test(v) ? 1 : undefined), admits: admitted(filter) },
      cost: WINDOW_COST,
      evaluate: windowValue,
    }
  },
})
