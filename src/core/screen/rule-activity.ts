import { baseConverter } from '../money/convert.ts'
import type { TransferRecord } from '../record/schema.ts'
import type { CompiledRuleset } from '../rules/compiled.ts'
import { viewsOf, type TransferContext } from './view.ts'

/** How much work a rule does per record on some sample, measured without keeping any state. */
export interface RuleActivity {
  /** sides looked at (one or two per record) */
  perspectives: number
  /** window events added (a side the rule counts and at least one measure takes) */
  adds: number
  /** evaluations (sides the rule is evaluated on) */
  evaluations: number
}

/**
 * Per rule, its activity per record over `records`: what a rule costs follows how often its filters let a
 * transfer through, which depends on the data and not on how full the windows are, so a sample taken
 * before screening predicts it (used to split rules across threads).
 */
export function measureRuleActivity(ruleset: CompiledRuleset, records: readonly TransferRecord[]): RuleActivity[] {
  const toBase = baseConverter(ruleset.baseCurrency, ruleset.rates)
  const totals = ruleset.rules.map(() => ({ perspectives: 0, adds: 0, evaluations: 0 }))
  let n = 0
  for (const record of records) {
    const amountMinor = toBase(record.amount, record.currency)
    if (amountMinor === undefined) continue
    n++
    const ctx: TransferContext = { record, ts: Date.parse(record.timestamp), amountMinor }
    const views = viewsOf(ctx)
    ruleset.rules.forEach((rule, i) => {
      const t = totals[i]!
      for (const side of rule.entity ? rule.entity.perspectives : (['out'] as const)) {
        const view = views[side]
        t.perspectives++
        const counted = rule.where(view)
        if (rule.when(view)) t.evaluations++
        if (counted && rule.windowParts.some((p) => p.extract(view) !== undefined)) t.adds++
      }
    })
  }
  const per = Math.max(1, n)
  return totals.map((t) => ({ perspectives: t.perspectives / per, adds: t.adds / per, evaluations: t.evaluations / per }))
}
