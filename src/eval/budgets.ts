import type { CompiledRule } from '../core/index.ts'
import { ratio } from './metrics.ts'
import type { EvalReport } from './tally.ts'

/** One rule's false alerts against the budget its file states. */
export interface BudgetReport {
  rule: string
  /** the share of benign transfers the rule may raise as false alerts */
  budget: number
  /** benign records the rule hit that were flagged */
  falseAlerts: number
  /** falseAlerts / benign records of the run */
  falseAlertRate: number
  over: boolean
}

/**
 * Every rule that states a budget, with its false-alert rate on this run; rules that hit nothing are there at
 * 0, so a budget is never silently left unchecked. Over-budget rules first, then by id.
 */
export function budgetReports(report: Pick<EvalReport, 'benign' | 'rules'>, rules: readonly Pick<CompiledRule, 'id' | 'falseAlertBudget'>[]): BudgetReport[] {
  const falseAlerts = new Map(report.rules.map((r) => [r.rule, r.falseAlerts]))
  const out: BudgetReport[] = []
  for (const rule of rules) {
    if (rule.falseAlertBudget === undefined) continue
    const n = falseAlerts.get(rule.id) ?? 0
    const rate = ratio(n, report.benign)
    out.push({ rule: rule.id, budget: rule.falseAlertBudget, falseAlerts: n, falseAlertRate: rate, over: rate > rule.falseAlertBudget })
  }
  return out.sort((a, b) => Number(b.over) - Number(a.over) || a.rule.localeCompare(b.rule))
}

/** the report with its budgets section, when any of the rules states a budget */
export function withBudgets(report: EvalReport, rules: readonly Pick<CompiledRule, 'id' | 'falseAlertBudget'>[]): EvalReport {
  const budgets = budgetReports(report, rules)
  if (budgets.length === 0) return report
  return { ...report, budgets, overBudget: budgets.filter((b) => b.over).map((b) => b.rule) }
}
