import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { amountWindow, windowedRecent } from './windowed.ts'

/** `{ max: amount }`: the largest amount among the transfers in the entity's window. */
export const max = defineMeasure({
  key: 'max',
  schema: z.object({ max: z.literal('amount'), ...windowedRecent }).strict(),
  compile: amountWindow('max'),
})
