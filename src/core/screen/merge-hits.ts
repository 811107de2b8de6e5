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
    let only: Hit[] | undefined
    let nonEmpty = 0
    for (const p of parts) {
      if (p.length === 0) continue
      nonEmpty++
      only = p
    }
    if (nonEmpty <= 1) return only ?? []
    // sort is stable: hits of one rule (one per perspective) keep their order
    return parts.flat().sort((a, b) => rank(a) - rank(b))
  }
}
