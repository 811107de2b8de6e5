import { isLineError, screenLine, type ParsedLine, type Screener } from '../core/index.ts'
import type { Labels } from './labels.ts'
import { addRecord, newTally, summarise, type EvalReport } from './tally.ts'

/**
 * Screens decoded records in order and scores the verdicts against the labels. Flagged means a decision of
 * review or block; the rules listed are those whose hits the verdict carries.
 */
export async function screenLabelled(screener: Screener, batches: AsyncIterable<ParsedLine[]>, labels: Labels): Promise<EvalReport> {
  const tally = newTally()
  for await (const batch of batches) {
    for (const parsed of batch) {
      const out = screenLine(screener, parsed)
      const label = out.id === undefined ? undefined : labels.get(out.id)
      if (isLineError(out)) addRecord(tally, label, undefined)
      else addRecord(tally, label, { flagged: out.decision !== 'clear', rules: out.hits.map((h) => h.rule) })
    }
  }
  return summarise(tally)
}
