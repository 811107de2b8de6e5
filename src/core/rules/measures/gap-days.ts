import { z } from 'zod'
import { DAY_MS } from '../duration.ts'
import { defineMeasure, type MeasureEvaluate } from './measure.ts'

/** `{ gap_days: true }`: days since the entity's previous transfer the rule saw (NaN the first time). */
export const gapDays = defineMeasure({
  key: 'gap_days',
  schema: z.object({ gap_days: z.literal(true) }).strict(),
  compile: () => ({ unit: 'days', seen: true, evaluate: daysSinceSeen }),
})

// lastSeen is NaN for an entity never seen, and so is the gap
const daysSinceSeen: MeasureEvaluate = (ev) => (ev.ctx.ts - ev.lastSeen) / DAY_MS
