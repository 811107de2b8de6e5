import type { DecisionChange, RulesetDiffReport, SideSummary } from './ruleset-diff.ts'

/** The text form of `txscreen rules diff`: the two sides, the alert volume change, rules that changed, samples. */
export function formatDiff(r: RulesetDiffReport): string {
  const lines: string[] = []
  lines.push(`records: ${r.records}`)
  lines.push(side('base', r.base, r.labelled))
  lines.push(side('candidate', r.candidate, r.labelled))
  const rel = r.alertVolumeChange.relative === null ? '' : ` (${signed(r.alertVolumeChange.relative * 100, 1)} %)`
  lines.push(`alert volume: ${signed(r.alertVolumeChange.absolute, 0)}${rel}; ${r.added.count} added, ${r.removed.count} removed, ${r.changed.count} between review and block`)
  const rules = Object.entries(r.byRule).filter(([, c]) => c.added > 0 || c.removed > 0)
  lines.push('')
  lines.push(rules.length === 0 ? 'no rule hits a different record' : 'rules whose hits change (base -> candidate, +added -removed):')
  for (const [rule, c] of rules) {
    let line = `  ${rule}: ${c.base} -> ${c.candidate} (+${c.added} -${c.removed})`
    if (r.labelled) line += `; illicit ${c.baseIllicit} -> ${c.candidateIllicit}, false alerts ${c.baseFalseAlerts} -> ${c.candidateFalseAlerts}`
    lines.push(line)
  }
  for (const [title, sample, total] of [
    ['added alerts', r.added.sample, r.added.count],
    ['removed alerts', r.removed.sample, r.removed.count],
    ['decisions changed', r.changed.sample, r.changed.count],
  ] as const) {
    if (sample.length === 0) continue
    lines.push('', `${title} (${sample.length} of ${total}):`)
    for (const c of sample) lines.push(`  ${change(c)}`)
  }
  return `${lines.join('\n')}\n`
}

function side(name: string, s: SideSummary, labelled: boolean): string {
  let line = `${name} ${s.ruleset}: ${s.alerts} alerts (${s.review} review, ${s.block} block), ${s.errors} errors`
  if (labelled) line += `; precision ${s.precision!.toFixed(3)}, recall ${s.recall!.toFixed(3)}, ${s.falseAlerts} false alerts`
  return line
}

function change(c: DecisionChange): string {
  const label = c.illicit === undefined ? '' : c.illicit ? ' [illicit]' : ' [benign]'
  const rules = (o: DecisionChange['base']) => (o.rules.length ? ` ${o.rules.join(',')}` : '')
  return `line ${c.line} ${c.id}${label}: ${c.base.decision} ${c.base.score}${rules(c.base)} -> ${c.candidate.decision} ${c.candidate.score}${rules(c.candidate)}`
}

function signed(n: number, digits: number): string {
  return `${n > 0 ? '+' : ''}${n.toFixed(digits)}`
}
