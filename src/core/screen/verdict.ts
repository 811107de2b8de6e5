export type Decision = 'clear' | 'review' | 'block'

export interface HitEvidence {
  /** the state key the rule looked at, e.g. "id:ACC-1" or "phone:447700900123" */
  entity?: string
  measure: string
  value: number
  window?: string
  /** ids of the contributing transfers, capped by the rule's evidence limit */
  transfers: string[]
  /** list matches: list, entry id, matched name or value, score */
  matches?: { list: string; entry: string; matched: string; score: number }[]
}

export interface Hit {
  rule: string
  version: number
  typology: string
  /** this hit's contribution to the combined score: band score × the ruleset's weight for the rule */
  score: number
  modifier: boolean
  reason: string
  evidence: HitEvidence
}

export interface Verdict {
  id: string
  score: number
  decision: Decision
  hits: Hit[]
  ruleset: string
}

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
