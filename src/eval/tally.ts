import type { BudgetReport } from './budgets.ts'
import { countFamily, familyReports, type FamilyCounts, type FamilyReport } from './families.ts'
import type { Label } from './labels.ts'
import { ratio, scores, type Scores } from './metrics.ts'

/** What eval needs from a verdict: whether it alerts and which rules hit. */
export interface Outcome {
  flagged: boolean
  rules: readonly string[]
}

interface TypologyCounts {
  instances: Set<string>
  found: Set<string>
  transactions: number
  flagged: number
}

interface RuleCounts {
  hits: number
  illicit: number
  falseAlerts: number
  instances: Set<string>
}

/** Running counts over a screened, labelled batch; `summarise` turns them into the report. */
export interface Tally {
  records: number
  unlabelled: number
  errors: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  trueNegatives: number
  typologies: Map<string, TypologyCounts>
  rules: Map<string, RuleCounts>
  /** benign records per hard-negative family, when the labels name families */
  families: Map<string, FamilyCounts>
}

export function newTally(): Tally {
  return {
    records: 0,
    unlabelled: 0,
    errors: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    typologies: new Map(),
    rules: new Map(),
    families: new Map(),
  }
}

/**
 * Adds one screened record. A record without a label is counted but left out of every figure; a record the
 * screener could not score counts as not flagged, so errors lower recall instead of hiding.
 */
export function addRecord(t: Tally, label: Label | undefined, outcome: Outcome | undefined): void {
  t.records++
  if (!label) {
    t.unlabelled++
    return
  }
  if (!outcome) t.errors++
  const flagged = outcome?.flagged ?? false
  if (label.illicit) {
    if (flagged) t.truePositives++
    else t.falseNegatives++
    const typ = typologyOf(t, label.typology || 'unknown')
    typ.transactions++
    // an illicit record without an instance id is its own instance
    const instance = label.instance || `record:${t.records}`
    typ.instances.add(instance)
    if (flagged) {
      typ.flagged++
      typ.found.add(instance)
    }
  } else if (flagged) t.falsePositives++
  else t.trueNegatives++
  countFamily(t.families, label, flagged, outcome?.rules ?? [])

  for (const id of outcome?.rules ?? []) {
    let r = t.rules.get(id)
    if (!r) t.rules.set(id, (r = { hits: 0, illicit: 0, falseAlerts: 0, instances: new Set() }))
    r.hits++
    if (!label.illicit && flagged) r.falseAlerts++
    if (label.illicit) {
      r.illicit++
      if (label.instance) r.instances.add(label.instance)
    }
  }
}

function typologyOf(t: Tally, name: string): TypologyCounts {
  let c = t.typologies.get(name)
  if (!c) t.typologies.set(name, (c = { instances: new Set(), found: new Set(), transactions: 0, flagged: 0 }))
  return c
}

export interface TypologyReport {
  typology: string
  instances: number
  found: number
  recall: number
  transactions: number
  flagged: number
}

export interface RuleReport {
  rule: string
  /** labelled records the rule hit (modifier hits count only where a primary rule also fired) */
  hits: number
  illicit: number
  /** share of the rule's hits that are illicit: the rule's precision on its own */
  precision: number
  /** benign records the rule hit that were flagged: what the rule adds to the false alerts */
  falseAlerts: number
  /** planted instances with at least one record hit by the rule */
  instances: number
}

export interface EvalReport {
  records: number
  labelled: number
  unlabelled: number
  errors: number
  illicit: number
  benign: number
  flagged: number
  transactions: Scores & { truePositives: number; falsePositives: number; falseNegatives: number; trueNegatives: number }
  instances: { total: number; found: number; recall: number }
  /** flagged benign records / benign records */
  benignAlertRate: number
  typologies: TypologyReport[]
  rules: RuleReport[]
  /** false alerts per hard-negative family; present only when the labels name families */
  families?: FamilyReport[]
  /** rules whose files state a false-alert budget, each with its rate on this run; present when any rule states one */
  budgets?: BudgetReport[]
  /** ids of the rules over their budget */
  overBudget?: string[]
}

export function summarise(t: Tally): EvalReport {
  const typologies = [...t.typologies]
    .map(([typology, c]) => ({
      typology,
      instances: c.instances.size,
      found: c.found.size,
      recall: ratio(c.found.size, c.instances.size),
      transactions: c.transactions,
      flagged: c.flagged,
    }))
    .sort((a, b) => a.typology.localeCompare(b.typology))
  const rules = [...t.rules]
    .map(([rule, c]) => ({
      rule,
      hits: c.hits,
      illicit: c.illicit,
      precision: ratio(c.illicit, c.hits),
      falseAlerts: c.falseAlerts,
      instances: c.instances.size,
    }))
    .sort((a, b) => a.rule.localeCompare(b.rule))
  const totalInstances = typologies.reduce((n, x) => n + x.instances, 0)
  const found = typologies.reduce((n, x) => n + x.found, 0)
  const illicit = t.truePositives + t.falseNegatives
  const benign = t.falsePositives + t.trueNegatives
  return {
    records: t.records,
    labelled: t.records - t.unlabelled,
    unlabelled: t.unlabelled,
    errors: t.errors,
    illicit,
    benign,
    flagged: t.truePositives + t.falsePositives,
    transactions: {
      truePositives: t.truePositives,
      falsePositives: t.falsePositives,
      falseNegatives: t.falseNegatives,
      trueNegatives: t.trueNegatives,
      ...scores(t.truePositives, t.falsePositives, t.falseNegatives),
    },
    instances: { total: totalInstances, found, recall: ratio(found, totalInstances) },
    benignAlertRate: ratio(t.falsePositives, benign),
    typologies,
    rules,
    ...(t.families.size > 0 ? { families: familyReports(t.families) } : {}),
  }
}
