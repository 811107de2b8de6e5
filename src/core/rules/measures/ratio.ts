import { z } from 'zod'
import { defineMeasure, type MeasureEvaluate } from './measure.ts'

/** `{ ratio: [a, b] }`: measure a over measure b of the same rule (0 when b is not positive). */
export const ratio = defineMeasure({
  key: 'ratio',
  schema: z.object({ ratio: z.tuple([z.string(), z.string()]) }).strict(),
  compile: (spec) => ({ unit: 'ratio', reads: spec.ratio, evaluate: ratioOfParts }),
})

const ratioOfParts: MeasureEvaluate = (ev, self) => {
  const values = ev.values
  const den = values[self.reads[1]!]!
  return den > 0 ? values[self.reads[0]!]! / den : 0
}
