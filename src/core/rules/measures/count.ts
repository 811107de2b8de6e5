import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { measureFilter, recentWindow, WINDOW_COST, windowedRecent, windowValue } from './windowed.ts'

/** `{ count: true }`: transfers in the entity's window (that pass the measure's own `where`). */
export const count = defineMeasure({
  key: 'count',
  schema: z.object({ count: z.literal(true), ...windowedRecent }).strict(),
  compile(spec, ctx) {
    const filter = measureFilter(spec, ctx)
    if (spec.within !== undefined) return recentWindow('count', (v) => (filter(v) ? 1 : undefined), spec.within, false)
    return {
      unit: 'count',
      window: { aggregate: 'count', extract: (v) => (filter(v) ? 1 : undefined) },
      cost: WINDOW_COST,
      evaluate: windowValue,
    }
  },
})
