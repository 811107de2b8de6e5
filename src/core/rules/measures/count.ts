import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { classFilter, filteredPart, WINDOW_COST, windowed, windowValue } from './windowed.ts'

/** `{ count: true }`: transfers in the entity's window (that pass the measure's own `where`). */
export const count = defineMeasure({
  key: 'count',
  schema: z.object({ count: z.literal(true), ...windowed }).strict(),
  compile(spec, ctx) {
    const filter = classFilter(spec, ctx)
    return {
      unit: 'count',
      window: filteredPart('count', filter, () => 1),
      cost: WINDOW_COST,
      evaluate: windowValue,
    }
  },
})
