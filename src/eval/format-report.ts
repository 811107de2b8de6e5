import type { EvalReport } from './tally.ts'

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const dec = (x: number) => x.toFixed(3)

/** A fixed-width table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
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
  const typologies = table(
    ['typology', 'instances', 'found', 'recall', 'transactions', 'flagged'],
    r.typologies.map((x) => [x.typology, String(x.instances), String(x.found), dec(x.recall), String(x.transactions), String(x.flagged)]),
  )
  const rules = table(
    ['rule', 'hits', 'illicit', 'precision', 'false alerts', 'instances'],
    r.rules.map((x) => [x.rule, String(x.hits), String(x.illicit), dec(x.precision), String(x.falseAlerts), String(x.instances)]),
  )
  return `${head.join('\n')}\n\nper typology\n${typologies}\n\nper rule (records hit; modifiers count only beside a primary hit)\n${rules}\n`
}
