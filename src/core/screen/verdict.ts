import type { Decision, Hit } from './verdict-schema.ts'

export type { Decision, Hit, HitEvidence, Verdict } from './verdict-schema.ts'

/**
 * Hits to a 0-100 score: the sum of primary hits, capped; modifiers add only when a primary
 * rule already fired, so corridor context or a memo word alone never alerts.
 */
export function combineHits(hits: Hit[], thresholds: { review: number; block: number }): { score: number; decision: Decision; hits: Hit[] } {
  let primary = 0
  let modifiers = 0
  let anyPrimary = false
  for (const h of hits) {
    if (h.modifier) modifiers += h.score
    else {
      primary += h.score
      anyPrimary = true
    }
  }
  if (!anyPrimary) return { score: 0, decision: 'clear', hits: [] }
  const score = Math.min(100, Math.round(primary + modifiers))
  const decision: Decision = score >= thresholds.block ? 'block' : score >= thresholds.review ? 'review' : 'clear'
  return { score, decision, hits }
}
