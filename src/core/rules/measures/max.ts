import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { amountWindow, windowed } from './windowed.ts'

/** `{ max: amount }`: the largest amount among the transfers in the entity's window. */
export const max = defineMeasure({
  key: 'max',
  schema: z.object({ max: z.literal('amount'), ...windowed }).strict(),
  compile: amountWindow('max'),
})
