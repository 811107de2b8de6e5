import { ratio } from '../metrics.ts'
import { RULESET } from './variants.ts'
import type { SweepRun } from './run-sweep.ts'

/** One value of a sweep: the headline figures, the swept rule's own, and recall and false alerts by group. */
export interface SweepRow {
  value: number | string
  /** the value the rule file holds now */
  current: boolean
  /** flagged records (review or block) */
  alerts: number
  truePositives: number
  falsePositives: number
  precision: number
  recall: number
  instanceRecall: number
  benignAlertRate: number
  /** the swept rule: records it hit, its false alerts and their share of benign records, its budget if stated (not for a ruleset sweep) */
  rule?: { hits: number; falseAlerts: number; falseAlertRate: number; budget?: number; over?: boolean }
  /** instance recall per typology */
  typologies: Record<string, number>
  /** false alerts per benign family, when the labels name families */
  families?: Record<string, number>
}

export interface SweepReport {
  rule: string
  path: string
  /** file:line:column of the swept value */
  at: string
  current: number | string
  records: number
  illicit: number
  benign: number
  rows: SweepRow[]
}

export function sweepReport(rule: string, path: string, at: string, current: number | string, runs: readonly SweepRun[]): SweepReport {
  const first = runs[0]?.report
  return {
    rule,
    path,
    at,
    current,
    records: first?.records ?? 0,
    illicit: first?.illicit ?? 0,
    benign: first?.benign ?? 0,
    rows: runs.map(({ value, report: r }) => {
      const own = r.rules.find((x) => x.rule === rule)
      const budget = r.budgets?.find((b) => b.rule === rule)
      return {
        value,
        current: value === current,
        alerts: r.flagged,
        truePositives: r.transactions.truePositives,
        falsePositives: r.transactions.falsePositives,
        precision: r.transactions.precision,
        recall: r.transactions.recall,
        instanceRecall: r.instances.recall,
        benignAlertRate: r.benignAlertRate,
        ...(rule !== RULESET && {
          rule: {
            hits: own?.hits ?? 0,
            falseAlerts: own?.falseAlerts ?? 0,
            falseAlertRate: ratio(own?.falseAlerts ?? 0, r.benign),
            ...(budget && { budget: budget.budget, over: budget.over }),
          },
        }),
        typologies: Object.fromEntries(r.typologies.map((t) => [t.typology, t.recall])),
        ...(r.families && { families: Object.fromEntries(r.families.map((f) => [f.family, f.falseAlerts])) }),
      }
    }),
  }
}
