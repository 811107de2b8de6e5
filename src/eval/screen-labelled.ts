import { isLineError, type ScreenedSlice } from '../core/index.ts'
import type { Labels } from './labels.ts'
import { addRecord, newTally, summarise, type EvalReport } from './tally.ts'

/**
 * Scores screened records against the labels, in order. Flagged means a decision of review or block; the
 * rules listed are those whose hits the verdict carries.
 */
export async function screenLabelled(screened: AsyncIterable<ScreenedSlice>, labels: Labels): Promise<EvalReport> {
  const tally = newTally()
  for await (const { outputs } of screened) {
    for (const out of outputs) {
      const label = out.id === undefined ? undefined : labels.get(out.id)
      if (isLineError(out)) addRecord(tally, label, undefined)
      else addRecord(tally, label, { flagged: out.decision !== 'clear', rules: out.hits.map((h) => h.rule) })
    }
  }
  return summarise(tally)
}
