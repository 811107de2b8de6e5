import type { Label } from './labels.ts'
import { ratio } from './metrics.ts'

/** Running counts for one benign family: its records, those flagged, and the rules on the flagged ones. */
export interface FamilyCounts {
  transactions: number
  falseAlerts: number
  rules: Map<string, number>
}

export interface FamilyReport {
  family: string
  /** benign records of the family */
  transactions: number
  /** of those, the flagged ones */
  falseAlerts: number
  /** falseAlerts / transactions */
  alertRate: number
  /** rules on the family's false alerts, most first (modifiers count beside a primary hit) */
  rules: Record<string, number>
}

/** counts a benign record under its family; records without one (label files without the column) are left out */
export function countFamily(families: Map<string, FamilyCounts>, label: Label, flagged: boolean, rules: readonly string[]): void {
  if (label.illicit || label.family === undefined) return
  let c = families.get(label.family)
  if (!c) families.set(label.family, (c = { transactions: 0, falseAlerts: 0, rules: new Map() }))
  c.transactions++
  if (!flagged) return
  c.falseAlerts++
  for (const r of rules) c.rules.set(r, (c.rules.get(r) ?? 0) + 1)
}

/** one row per family, the most false alerts first */
export function familyReports(families: ReadonlyMap<string, FamilyCounts>): FamilyReport[] {
  return [...families]
    .map(([family, c]) => ({
      family,
      transactions: c.transactions,
      falseAlerts: c.falseAlerts,
      alertRate: ratio(c.falseAlerts, c.transactions),
      rules: Object.fromEntries([...c.rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    }))
    .sort((a, b) => b.falseAlerts - a.falseAlerts || a.family.localeCompare(b.family))
}
