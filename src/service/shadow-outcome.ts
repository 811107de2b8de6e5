import { ScreeningError, type Decision, type Screener, type TransferRecord } from '../core/index.ts'
import type { ShadowOutcome } from './shadow-thread-port.ts'

/**
 * The shadow's verdict on one call as the comparison and `shadow_verdicts` need it; the verdict's JSON only
 * when its row is kept (the shadow alerts, or the active set did). Undefined when the rules cannot take the
 * record (e.g. a currency with no rate). Used on the event loop and in the shadow's thread alike.
 */
export function screenOutcome(screener: Screener, record: TransferRecord, activeDecision: Decision): ShadowOutcome | undefined {
  try {
    const v = screener.screen(record)
    const kept = v.decision !== 'clear' || activeDecision !== 'clear'
    return { decision: v.decision, score: v.score, rules: v.hits.map((h) => h.rule), ...(kept && { json: JSON.stringify(v) }) }
  } catch (err) {
    if (!(err instanceof ScreeningError)) throw err
    return undefined
  }
}
