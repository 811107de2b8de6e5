import type { GraphOptions } from '../state/graph.ts'
import type { WindowAggregate } from '../state/window.ts'
import type { TransferView } from '../screen/view.ts'
import type { BandResult } from './bands.ts'
import type { ClassConditions } from './class-conditions.ts'
import type { RequireStep } from './require-steps.ts'
import type { Predicate } from './conditions.ts'
import type { EntitySpec } from './entity.ts'
import type { CompiledMeasure, WindowPart } from './measures/measure.ts'

export type ReasonRenderer = (values: readonly number[], view: TransferView, extra: Record<string, string>) => string

/** A rule compiled once into closures; immutable, so one compiled ruleset serves any number of screeners. */
export interface CompiledRule {
  id: string
  version: number
  title: string
  typology: string
  source: string
  modifier: boolean
  weight: number
  evidenceLimit: number
  /** the share of benign transfers the rule may raise as false alerts, when its file states one */
  falseAlertBudget: number | undefined
  entity: EntitySpec | undefined
  windowMs: number
  window: string | undefined
  /** which transfers the window counts */
  where: Predicate<TransferView>
  /** which transfers the rule is evaluated on */
  when: Predicate<TransferView>
  /**
   * by a view's `guardClass`, 0 where neither `where` nor `when` can admit the transfer (guard.ts): the runner
   * skips those without evaluating them; absent when the conditions rule out no class
   */
  guard?: Uint8Array
  /** `where` and `when` by a view's `guardClass`, with what the class decides taken out (class-conditions.ts) */
  whereByClass: ClassConditions
  /** the same object as `whereByClass` when the rule has no `when` */
  whenByClass: ClassConditions
  /** measures in evaluation order (those that read others, such as ratios, after them) */
  measures: readonly CompiledMeasure[]
  /** what the measures keep in the entity's window, by slot */
  windowParts: readonly WindowPart[]
  windowAggregates: readonly WindowAggregate[]
  /** the state the measures declare, so the runner keeps only what they need (`lists`: watchlists) */
  needs: { window: boolean; seen: boolean; graph: boolean; lists: boolean }
  /** how the rule's transfer graph is kept, when it has one */
  graphOptions: GraphOptions
  require: Predicate<readonly number[]>
  /** `require` as steps that each evaluate only the measures they read (require-steps.ts) */
  requireSteps: readonly RequireStep[]
  /** index of the measure the bands read, or -1 for a fixed score */
  scoreMeasure: number
  score: (value: number) => BandResult
  /** every score `score` can give (the fixed score, or each band's), before the weight */
  scores: readonly number[]
  reason: ReasonRenderer
  bandReasons: ReadonlyMap<string, ReasonRenderer>
  /**
   * what the closures are made from but the weight, as text (rule-definition.ts): equal definitions under an equal
   * screening context give equal hits but for the weighted scores; undefined when it cannot be written exactly
   */
  definition?: string | undefined
}

export interface CompiledRuleset {
  name: string
  /** the ruleset's own version label and a content hash of every file: `name@label#hash` */
  version: string
  baseCurrency: string
  rates: Readonly<Record<string, string>>
  thresholds: { review: number; block: number }
  latenessMs: number
  maxWindowMs: number
  rules: readonly CompiledRule[]
  lists: ReadonlyMap<string, readonly (string | number | boolean)[]>
}
