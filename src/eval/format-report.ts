import type { BudgetReport } from './budgets.ts'
import type { FamilyReport } from './families.ts'
import type { EvalReport } from './tally.ts'

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
export const dec = (x: number) => x.toFixed(3)
// budgets are fractions of a percent, so two decimals
export const pct2 = (x: number) => `${(x * 100).toFixed(2)}%`

/** A fixed-width table: the first column (and any listed in `left`) left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 || left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** The report as analysts read it in a terminal. */
export function formatReport(r: EvalReport): string {
  const t = r.transactions
  const head = [
    `records ${r.records} (labelled ${r.labelled}, unlabelled ${r.unlabelled}, errors ${r.errors}); illicit ${r.illicit}, benign ${r.benign}, flagged ${r.flagged}`,
    `transactions  precision ${dec(t.precision)}  recall ${dec(t.recall)}  F1 ${dec(t.f1)}  (TP ${t.truePositives}, FP ${t.falsePositives}, FN ${t.falseNegatives})`,
    `instances     recall ${dec(r.instances.recall)}  (${r.instances.found} of ${r.instances.total} found)`,
    `benign alert rate ${pct(r.benignAlertRate)} (${t.falsePositives} of ${r.benign})`,
  ]
  if (r.overBudget) {
    head.push(
      r.overBudget.length > 0
        ? `OVER BUDGET: ${r.overBudget.length} rule(s) raise more false alerts than their false_alert_budget: ${r.overBudget.join(', ')}`
        : `false-alert budgets: all ${r.budgets?.length ?? 0} rules that state one are within it`,
    )
  }
  const typologies = table(
    ['typology', 'instances', 'found', 'recall', 'transactions', 'flagged'],
    r.typologies.map((x) => [x.typology, String(x.instances), String(x.found), dec(x.recall), String(x.transactions), String(x.flagged)]),
  )
  const rules = table(
    ['rule', 'hits', 'illicit', 'precision', 'false alerts', 'instances'],
    r.rules.map((x) => [x.rule, String(x.hits), String(x.illicit), dec(x.precision), String(x.falseAlerts), String(x.instances)]),
  )
  let text = `${head.join('\n')}\n\nper typology\n${typologies}\n\nper rule (records hit; modifiers count only beside a primary hit)\n${rules}\n`
  if (r.budgets) text += `\n${formatBudgets(r.budgets)}\n`
  return r.families ? `${text}\n${formatFamilies(r.families)}\n` : text
}

/** each rule that states a budget: its false alerts as a share of benign records, against the budget */
function formatBudgets(budgets: readonly BudgetReport[]): string {
  const rows = budgets.map((b) => [b.rule, String(b.falseAlerts), pct2(b.falseAlertRate), pct2(b.budget), b.over ? 'OVER' : 'ok'])
  return `false-alert budgets (false alerts / benign records, against the rule's false_alert_budget)\n${table(['rule', 'false alerts', 'rate', 'budget', 'status'], rows, [4])}`
}

/** false alerts per benign family, with the three rules most often on them */
function formatFamilies(families: readonly FamilyReport[]): string {
  const rows = families.map((f) => [
    f.family,
    String(f.transactions),
    String(f.falseAlerts),
    pct(f.alertRate),
    Object.entries(f.rules).slice(0, 3).map(([rule, n]) => `${rule} ${n}`).join(', '),
  ])
  return `per benign family (false alerts: flagged benign records of the family)\n${table(['family', 'transactions', 'false alerts', 'rate', 'most frequent rules'], rows, [4])}`
}
