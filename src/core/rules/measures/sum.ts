import { z } from 'zod'
import { defineMeasure } from './measure.ts'
import { amountWindow, windowedRecent } from './windowed.ts'

/** `{ sum: amount }`: the amounts of the transfers in the entity's window, in the base currency. */
export const sum = defineMeasure({
  key: 'sum',
  schema: z.object({ sum: z.literal('amount'), ...windowedRecent }).strict(),
  compile: amountWindow('sum'),
})
