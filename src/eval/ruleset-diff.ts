import { isLineError, type ScreenOutput } from '../core/index.ts'
import type { Label, Labels } from './labels.ts'
import { scores } from './metrics.ts'

/** One side's decision on a record, as a diff shows it. */
export interface SideOutcome {
  decision: 'clear' | 'review' | 'block' | 'error'
  score: number
  rules: string[]
}

/** A record whose decision differs between the two rule sets. */
export interface DecisionChange {
  id: string
  /** 1-based position of the record in the input */
  line: number
  base: SideOutcome
  candidate: SideOutcome
  /** the label's verdict on the record, when labels were given */
  illicit?: boolean
}

export interface SideSummary {
  ruleset: string
  /** records decided review or block */
  alerts: number
  review: number
  block: number
  errors: number
  /** with labels: transaction precision and recall, and alerts on benign records */
  precision?: number
  recall?: number
  falseAlerts?: number
}

export interface RuleChange {
  /** records the rule hit under each rule set (a rule only one set has counts 0 on the other) */
  base: number
  candidate: number
  /** records it hits under the candidate only, and under the base only */
  added: number
  removed: number
  /** with labels: its hits on illicit records, and its hits on benign records that alerted, per side */
  baseIllicit?: number
  candidateIllicit?: number
  baseFalseAlerts?: number
  candidateFalseAlerts?: number
}

export interface RulesetDiffReport {
  records: number
  labelled: boolean
  base: SideSummary
  candidate: SideSummary
  /** records that alert under the candidate and not the base, and the reverse; a sample of each */
  added: { count: number; sample: DecisionChange[] }
  removed: { count: number; sample: DecisionChange[] }
  /** records that alert under both with a different decision (review and block) */
  changed: { count: number; sample: DecisionChange[] }
  /** candidate alerts less base alerts, and that as a share of the base's (null when the base has none) */
  alertVolumeChange: { absolute: number; relative: number | null }
  byRule: Record<string, RuleChange>
}

interface SideCounts {
  alerts: number
  review: number
  block: number
  errors: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

/**
 * What a candidate rule set changes against a base on the same records: feed each record's two outputs in
 * input order, then read the report. Memory stays bounded by the number of rules and the sample size.
 */
export class RulesetDiff {
  private records = 0
  private readonly base = newSide()
  private readonly candidate = newSide()
  private readonly added: DecisionChange[] = []
  private readonly removed: DecisionChange[] = []
  private readonly changed: DecisionChange[] = []
  private addedCount = 0
  private removedCount = 0
  private changedCount = 0
  private readonly rules = new Map<string, RuleChange>()

  constructor(
    private readonly versions: { base: string; candidate: string },
    private readonly labels?: Labels,
    private readonly sampleSize = 20,
  ) {}

  add(base: ScreenOutput, candidate: ScreenOutput): void {
    this.records++
    const id = isLineError(base) ? (base.id ?? '') : base.id
    const label = id === '' ? undefined : this.labels?.get(id)
    const b = outcomeOf(base)
    const c = outcomeOf(candidate)
    count(this.base, b, label)
    count(this.candidate, c, label)
    this.countRules(b, c, label)
    const bAlert = alerts(b)
    const cAlert = alerts(c)
    if (bAlert === cAlert && (!bAlert || b.decision === c.decision)) return
    const change: DecisionChange = { id, line: this.records, base: b, candidate: c }
    if (label) change.illicit = label.illicit
    if (cAlert && !bAlert) this.addedCount = keep(this.added, change, this.addedCount, this.sampleSize)
    else if (bAlert && !cAlert) this.removedCount = keep(this.removed, change, this.removedCount, this.sampleSize)
    else this.changedCount = keep(this.changed, change, this.changedCount, this.sampleSize)
  }

  report(): RulesetDiffReport {
    const labelled = this.labels !== undefined
    const byRule: Record<string, RuleChange> = {}
    for (const id of [...this.rules.keys()].sort()) byRule[id] = this.rules.get(id)!
    const absolute = this.candidate.alerts - this.base.alerts
    return {
      records: this.records,
      labelled,
      base: summary(this.versions.base, this.base, labelled),
      candidate: summary(this.versions.candidate, this.candidate, labelled),
      added: { count: this.addedCount, sample: this.added },
      removed: { count: this.removedCount, sample: this.removed },
      changed: { count: this.changedCount, sample: this.changed },
      alertVolumeChange: { absolute, relative: this.base.alerts > 0 ? absolute / this.base.alerts : null },
      byRule,
    }
  }

  private countRules(b: SideOutcome, c: SideOutcome, label: Label | undefined): void {
    for (const rule of new Set([...b.rules, ...c.rules])) {
      let r = this.rules.get(rule)
      if (!r) {
        r = { base: 0, candidate: 0, added: 0, removed: 0 }
        if (this.labels) Object.assign(r, { baseIllicit: 0, candidateIllicit: 0, baseFalseAlerts: 0, candidateFalseAlerts: 0 })
        this.rules.set(rule, r)
      }
      const inBase = b.rules.includes(rule)
      const inCandidate = c.rules.includes(rule)
      if (inBase) r.base++
      if (inCandidate) r.candidate++
      if (inCandidate && !inBase) r.added++
      if (inBase && !inCandidate) r.removed++
      if (!label) continue
      if (label.illicit) {
        if (inBase) r.baseIllicit!++
        if (inCandidate) r.candidateIllicit!++
      } else {
        if (inBase && alerts(b)) r.baseFalseAlerts!++
        if (inCandidate && alerts(c)) r.candidateFalseAlerts!++
      }
    }
  }
}

function outcomeOf(out: ScreenOutput): SideOutcome {
  if (isLineError(out)) return { decision: 'error', score: 0, rules: [] }
  return { decision: out.decision, score: out.score, rules: out.hits.map((h) => h.rule) }
}

function alerts(o: SideOutcome): boolean {
  return o.decision === 'review' || o.decision === 'block'
}

function newSide(): SideCounts {
  return { alerts: 0, review: 0, block: 0, errors: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 }
}

function count(side: SideCounts, o: SideOutcome, label: Label | undefined): void {
  if (o.decision === 'error') side.errors++
  if (o.decision === 'review') side.review++
  if (o.decision === 'block') side.block++
  const alerted = alerts(o)
  if (alerted) side.alerts++
  if (!label) return
  if (label.illicit && alerted) side.truePositives++
  else if (label.illicit) side.falseNegatives++
  else if (alerted) side.falsePositives++
}

function summary(ruleset: string, side: SideCounts, labelled: boolean): SideSummary {
  const s: SideSummary = { ruleset, alerts: side.alerts, review: side.review, block: side.block, errors: side.errors }
  if (!labelled) return s
  const { precision, recall } = scores(side.truePositives, side.falsePositives, side.falseNegatives)
  return { ...s, precision, recall, falseAlerts: side.falsePositives }
}

/** Keeps the first `size` changes as the sample; returns the new count. */
function keep(sample: DecisionChange[], change: DecisionChange, counted: number, size: number): number {
  if (sample.length < size) sample.push(change)
  return counted + 1
}
