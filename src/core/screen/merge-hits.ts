import type { CompiledRuleset } from '../rules/compiled.ts'
import type { Hit } from './verdict.ts'

/**
 * Hits of one record from screeners that each ran a share of the rules, back in ruleset order,
 * so the combined verdict is byte-identical to one screener running every rule.
 */
export function hitMerger(ruleset: CompiledRuleset): (parts: readonly Hit[][]) => Hit[] {
  const order = new Map(ruleset.rules.map((r, i) => [r.id, i]))
  const rank = (h: Hit) => order.get(h.rule)!
  return (parts) => {
    const only = soleHits(parts)
    if (only) return only
    // sort is stable: hits of one rule (one per perspective) keep their order
    return parts.flat().sort((a, b) => rank(a) - rank(b))
  }
}

/** the hits when at most one part has any (most records): nothing to sort; undefined when several have */
export function soleHits(parts: readonly Hit[][]): Hit[] | undefined {
  let only: Hit[] | undefined
  for (const p of parts) {
    if (p.length === 0) continue
    if (only) return undefined
    only = p
  }
  return only ?? []
}
