import { z } from 'zod'
import { DAY_MS } from '../duration.ts'
import { defineMeasure, type MeasureEvaluate } from './measure.ts'

/** `{ age_days: true }`: days since the party's account was opened, read from the record (no state). */
export const ageDays = defineMeasure({
  key: 'age_days',
  schema: z.object({ age_days: z.literal(true) }).strict(),
  compile: () => ({ unit: 'days', evaluate: accountAge }),
})

const accountAge: MeasureEvaluate = (ev) => {
  const opened = ev.view.party.accountOpened
  return opened === undefined ? Number.NaN : (ev.ctx.ts - Date.parse(opened)) / DAY_MS
}
