import type { CompiledRule, CompiledRuleset, RuleActivity } from '../core/index.ts'

/** Rules that read watchlists stay on the main thread, so the lists are loaded once. */
export function needsLists(rule: CompiledRule): boolean {
  return rule.needs.lists
}

/**
 * What a rule costs per record, in the units of a cost model fitted to the per-rule costs `bench/rule-costs.ts`
 * measures on the default pack (docs/engine.md, "Threads"): looking at a side is cheap,
 * a window event costs about 1, an evaluation about 0.4 plus 0.05 per measure, and each measure adds the
 * weights it declares (a window aggregate 0.5 per event, a cycle search, a list search when lists are loaded).
 * Without a sample, every side is assumed counted and evaluated.
 */
export function ruleCost(rule: CompiledRule, activity?: RuleActivity, listsLoaded = false): number {
  const sides = rule.entity ? rule.entity.perspectives.length : 1
  const a = activity ?? { perspectives: sides, adds: rule.needs.window ? sides : 0, evaluations: sides }
  let perAdd = 1
  let perEvaluation = 0.4 + 0.05 * rule.measures.length
  for (const m of rule.measures) {
    perAdd += m.cost.add
    perEvaluation += m.cost.evaluation + (listsLoaded ? m.cost.withLists : 0)
  }
  return 0.3 * a.perspectives + a.adds * perAdd + a.evaluations * perEvaluation
}

/**
 * Splits the rules into `threads` shares of about equal cost (largest first into the lightest share),
 * with the costs measured on a sample of the batch when `opts.activity` is given. Share 0 runs on the main
 * thread, which starts `opts.mainThreadWork` units loaded for what it does besides rules (it decodes every
 * line for all threads, and writes the verdicts). The verdicts do not depend on the split, only the speed.
 */
export function partitionRules(
  ruleset: CompiledRuleset,
  threads: number,
  opts: { activity?: readonly RuleActivity[]; listsLoaded?: boolean; mainThreadWork?: number } = {},
): number[][] {
  const n = Math.max(1, Math.min(threads, ruleset.rules.length))
  const shares: number[][] = Array.from({ length: n }, () => [])
  const load = new Array<number>(n).fill(0)
  load[0] = opts.mainThreadWork ?? 0
  const costs = ruleset.rules.map((r, i) => ruleCost(r, opts.activity?.[i], opts.listsLoaded))
  const order = ruleset.rules.map((_r, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b)
  for (const i of order) {
    let to = 0
    if (!needsLists(ruleset.rules[i]!)) for (let s = 1; s < n; s++) if (load[s]! < load[to]!) to = s
    shares[to]!.push(i)
    load[to]! += costs[i]!
  }
  // each screener runs its share in ruleset order
  for (const s of shares) s.sort((a, b) => a - b)
  return shares.filter((s, i) => i === 0 || s.length > 0)
}
