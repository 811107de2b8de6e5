import type { z } from 'zod'
import type { TransferView } from '../../screen/view.ts'
import type { WindowAggregate } from '../../state/window.ts'
import type { ConditionScope } from '../conditions.ts'
import type { YamlPath } from '../yaml-source.ts'
import type { Watchlists } from '../watchlist-port.ts'
import type { MeasureEvaluation } from './evaluation.ts'
import type { MeasureUnit } from './unit.ts'

/** A measure as a rule file writes it, once validated: `{ count: true, where: ... }`. */
export type MeasureSpec = Readonly<Record<string, unknown>>

/**
 * One kind of rule-file measure: the key that names it, the schema of its object in a rule file, and how
 * it compiles. A new measure is one file exporting one of these, and one line in the registry.
 */
export interface MeasureDefinition<S extends MeasureSpec = MeasureSpec> {
  /** the key naming the measure in a rule file: `count` in `{ count: true }` */
  readonly key: string
  /** the measure's whole object in a rule file; strict, with `key` among its keys */
  readonly schema: z.ZodObject
  /** reason placeholders the measure fills (in `MeasureEvaluation.extra`), such as `{matched}` */
  readonly placeholders: readonly string[]
  compile(spec: S, ctx: MeasureCompileContext): MeasurePlan
}

/** Typed by the schema: the spec `compile` receives is what the schema gives. */
export function defineMeasure<O extends z.ZodObject>(definition: {
  key: string
  schema: O
  placeholders?: readonly string[]
  compile(spec: z.output<O>, ctx: MeasureCompileContext): MeasurePlan
}): MeasureDefinition {
  return {
    key: definition.key,
    schema: definition.schema,
    placeholders: definition.placeholders ?? [],
    compile: definition.compile as MeasureDefinition['compile'],
  }
}

export interface MeasureCompileContext {
  /** where the measure stands in the rule file: `['measures', name]` */
  at: YamlPath
  /** the record fields, for a measure's own `where` and the fields it reads */
  fields: ConditionScope<TransferView>
  report(path: YamlPath, message: string): void
}

/** What a measure adds to its entity's window for one transfer, and how the window folds it. */
export interface WindowPart {
  aggregate: WindowAggregate
  /** the transfer's contribution: an amount or 1, a value to count distinct ones of, undefined for none */
  extract: (v: TransferView) => number | string | undefined
}

/**
 * A measure's weight in the thread partition, in the units of `ruleCost`, beyond what every measure costs
 * per evaluation: per window event it takes part in, per evaluation, and per evaluation when watchlists
 * are loaded.
 */
export interface MeasureCost {
  add: number
  evaluation: number
  withLists: number
}

/**
 * The value of a measure for the transfer being evaluated. It may leave evidence in `ev` (transfers,
 * list matches, placeholder texts); it runs synchronously on a context the runner reuses.
 */
export type MeasureEvaluate = (ev: MeasureEvaluation, self: CompiledMeasure) => number

/** What compiling one measure gives: what state it needs, its unit, its cost and its evaluation. */
export interface MeasurePlan {
  unit: MeasureUnit
  /** a window aggregate kept per entity, with the transfer's contribution to it */
  window?: WindowPart
  /** the entity's last-seen time */
  seen?: boolean
  /** the rule's transfer graph (edges between parties, kept for the window) */
  graph?: boolean
  /** the graph also keeps each party's incoming transfers */
  graphInbound?: boolean
  /** edges the graph keeps per party each way (the rule's graph keeps the smallest its measures ask) */
  graphMaxEdges?: number | undefined
  /** watchlists (names or indicators): rules that read them stay on the main thread */
  lists?: boolean
  /** the kind of list without which the measure is 0 and leaves no evidence (a rule scored by it alone cannot hit) */
  zeroWithout?: keyof Watchlists
  /** other measures of the rule this one reads: it is evaluated after them, and they must read none */
  reads?: readonly string[]
  cost?: Partial<MeasureCost>
  /** per-screener state of the measure (such as a memo of list searches), made once per rule runner */
  scratch?: () => unknown
  evaluate: MeasureEvaluate
}

/** A measure of a compiled rule: one shape for every kind, so the runner's calls stay monomorphic. */
export interface CompiledMeasure {
  readonly name: string
  readonly unit: MeasureUnit
  /** its place in the rule's measures and in the values they fill */
  readonly index: number
  readonly window: WindowPart | undefined
  /** its aggregate's place in the entity's window, or -1 */
  readonly slot: number
  readonly seen: boolean
  readonly graph: boolean
  readonly graphInbound: boolean
  /** edges per party each way; infinite when the measure sets no bound */
  readonly graphMaxEdges: number
  readonly lists: boolean
  readonly zeroWithout: keyof Watchlists | undefined
  /** the places of the measures it reads */
  readonly reads: readonly number[]
  readonly cost: MeasureCost
  readonly scratch: (() => unknown) | undefined
  readonly evaluate: MeasureEvaluate
}
