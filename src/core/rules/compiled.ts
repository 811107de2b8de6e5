import type { CycleSearch } from '../state/graph.ts'
import type { WindowAggregate } from '../state/window.ts'
import type { TransferView } from '../screen/view.ts'
import type { BandResult } from './bands.ts'
import type { Predicate } from './conditions.ts'
import type { EntitySpec } from './entity.ts'

export type MeasureUnit = 'money' | 'count' | 'ratio' | 'days' | 'score' | 'number' | 'hops'

export type CompiledMeasure =
  | { name: string; unit: MeasureUnit; kind: 'windowed'; slot: number; aggregate: WindowAggregate; extract: (v: TransferView) => number | string | undefined }
  | { name: string; unit: MeasureUnit; kind: 'ratio'; of: [number, number] }
  | { name: string; unit: MeasureUnit; kind: 'value'; get: (v: TransferView) => number | undefined }
  | { name: string; unit: MeasureUnit; kind: 'gap_days' | 'age_days' }
  | { name: string; unit: MeasureUnit; kind: 'cycle'; search: CycleSearch }
  | { name: string; unit: MeasureUnit; kind: 'name_match'; type?: 'person' | 'org' }
  | { name: string; unit: MeasureUnit; kind: 'indicator'; types: readonly IndicatorType[] }

export type IndicatorType = 'phone' | 'email' | 'handle' | 'wallet' | 'account' | 'name'

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
  entity: EntitySpec | undefined
  windowMs: number
  window: string | undefined
  /** which transfers the window counts */
  where: Predicate<TransferView>
  /** which transfers the rule is evaluated on */
  when: Predicate<TransferView>
  /** measures in evaluation order (ratios after their parts) */
  measures: readonly CompiledMeasure[]
  windowAggregates: readonly WindowAggregate[]
  /** names of windowed, seen-based and graph measures, so the runner keeps only the state it needs */
  needs: { window: boolean; seen: boolean; graph: CycleSearch | undefined }
  require: Predicate<readonly number[]>
  /** index of the measure the bands read, or -1 for a fixed score */
  scoreMeasure: number
  score: (value: number) => BandResult
  reason: ReasonRenderer
  bandReasons: ReadonlyMap<string, ReasonRenderer>
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
