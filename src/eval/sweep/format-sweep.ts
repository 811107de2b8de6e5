import { dec, pct2, table } from '../format-report.ts'
import type { SweepReport, SweepRow } from './sweep-report.ts'

const label = (r: SweepRow) => `${r.value}${r.current ? ' (now)' : ''}`

/** The sweep as a terminal table, one row per value; then recall per typology and false alerts per family, one column per value. */
export function formatSweep(s: SweepReport): string {
  const perRule = s.rows.some((r) => r.rule !== undefined)
  const budgeted = s.rows.some((r) => r.rule?.budget !== undefined)
  const header = ['value', 'alerts', 'precision', 'recall', 'instance recall', 'benign alert rate', ...(perRule ? ['rule hits', 'rule false alerts'] : []), ...(budgeted ? ['budget'] : [])]
  const rows = s.rows.map((r) => [
    label(r),
    String(r.alerts),
    dec(r.precision),
    dec(r.recall),
    dec(r.instanceRecall),
    pct2(r.benignAlertRate),
    ...(r.rule ? [String(r.rule.hits), `${r.rule.falseAlerts} (${pct2(r.rule.falseAlertRate)})`] : []),
    ...(budgeted ? [r.rule?.budget === undefined ? '' : `${pct2(r.rule.budget)}${r.rule.over ? ' OVER' : ''}`] : []),
  ])
  const head = `sweep of ${s.rule} ${s.path} (${s.at}, now ${s.current}) over ${s.records} records: ${s.illicit} illicit, ${s.benign} benign`
  const values = s.rows.map(label)
  const typologies = Object.keys(s.rows[0]?.typologies ?? {})
  const byTypology = table(['instance recall', ...values], typologies.map((t) => [t, ...s.rows.map((r) => dec(r.typologies[t] ?? 0))]))
  let text = `${head}\n${table(header, rows)}\n\nper typology\n${byTypology}\n`
  const families = Object.keys(s.rows[0]?.families ?? {})
  if (families.length > 0) {
    text += `\nper benign family (false alerts)\n${table(['family', ...values], families.map((f) => [f, ...s.rows.map((r) => String(r.families?.[f] ?? 0))]))}\n`
  }
  return text
}
