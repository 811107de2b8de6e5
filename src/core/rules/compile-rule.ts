import { formatMinor } from '../money/convert.ts'
import type { TransferView } from '../screen/view.ts'
import { bandProblems, compileBands } from './bands.ts'
import { ClassConditions, conditionTree } from './class-conditions.ts'
import type { CompiledRule, ReasonRenderer } from './compiled.ts'
import { compileConditions, type ConditionScope, type Predicate } from './conditions.ts'
import { parseDuration } from './duration.ts'
import { compileEntity } from './entity.ts'
import { compileField, FIELD_HELP } from './fields.ts'
import { guardTable } from './guard.ts'
import { compileMeasures } from './measures/compile-measures.ts'
import type { CompiledMeasure } from './measures/measure.ts'
import type { MeasureRegistry } from './measures/registry.ts'
import { formatMeasure } from './measures/unit.ts'
import type { RuleFile } from './schema.ts'
import type { StructuredList } from './structured-lists.ts'
import { requireSteps } from './require-steps.ts'
import { compileTemplate } from './template.ts'
import type { YamlPath } from './yaml-source.ts'

export interface RuleCompileContext {
  lists: ReadonlyMap<string, readonly (string | number | boolean)[]>
  /** the ruleset's lists of weighted terms and routes */
  structured?: ReadonlyMap<string, StructuredList>
  weight: number
  evidenceLimit: number
  baseCurrency: string
  /** the measures the rule may use */
  measures: MeasureRegistry
  report(path: YamlPath, message: string, key?: string): void
}

/** One validated rule file to closures; every problem is reported with its place and nothing throws. */
export function compileRule(file: RuleFile, ctx: RuleCompileContext): CompiledRule {
  const { report } = ctx
  const entity = compileEntity(file.entity)
  if (typeof entity === 'string') report(['entity'], entity)
  const windowMs = file.window ? parseDuration(file.window)! : 0

  const fieldScope: ConditionScope<TransferView> = {
    resolve: compileField,
    unknownNameHelp: FIELD_HELP,
    lists: ctx.lists,
    ...(ctx.structured && { structured: ctx.structured }),
    report,
  }
  const where = compileConditions(file.where, ['where'], fieldScope)
  const when = file.when ? compileConditions(file.when, ['when'], fieldScope) : where
  const whereTree = conditionTree(file.where, fieldScope)
  const whenTree = file.when ? conditionTree(file.when, fieldScope) : whereTree
  const guard = guardTable([whereTree, whenTree])
  const whereByClass = new ClassConditions(whereTree)
  const whenByClass = file.when ? new ClassConditions(whenTree) : whereByClass

  const measures = compileMeasures(file.measures, ctx.measures, fieldScope, report)
  const windowParts = measures.flatMap((m) => (m.window ? [m.window] : []))
  const needs = {
    window: windowParts.length > 0,
    seen: measures.some((m) => m.seen),
    graph: measures.some((m) => m.graph),
    lists: measures.some((m) => m.lists),
  }
  const graphOptions = {
    inbound: measures.some((m) => m.graphInbound),
    maxEdges: Math.min(Number.POSITIVE_INFINITY, ...measures.map((m) => m.graphMaxEdges)),
  }
  if ((needs.window || needs.graph) && !file.window) {
    const names = measures.filter((m) => m.window || m.graph).map((m) => m.name)
    report([], `measures kept over a window (${names.join(', ')}) need a "window"`, 'measures')
  }
  if ((needs.window || needs.seen) && entity === undefined) {
    report(['entity'], 'windowed and history measures need an entity to keep state by, not "none"')
  }

  const index = new Map(measures.map((m, i) => [m.name, i]))
  const requireScope: ConditionScope<readonly number[]> = {
    resolve: (name) => {
      const i = index.get(name)
      // every measure value is a number, amounts in major units as `require` writes them
      return i === undefined ? undefined : { kind: 'number', get: (vals) => vals[i] }
    },
    unknownNameHelp: `the rule's measures (${[...index.keys()].join(', ')})`,
    lists: ctx.lists,
    report,
  }
  const require: Predicate<readonly number[]> = compileConditions(file.require, ['require'], requireScope)
  const requireInSteps = requireSteps(file.require, measures, index, requireScope)

  let scoreMeasure = -1
  let score: CompiledRule['score']
  const bandReasons = new Map<string, ReasonRenderer>()
  // the placeholders the rule's measures fill in, such as {matched} and {list} of list measures
  const filled = new Set(['window', 'entity'])
  for (const spec of Object.values(file.measures)) for (const p of ctx.measures.definitionOf(spec)?.placeholders ?? []) filled.add(p)
  const renderTemplate = (text: string, at: YamlPath) =>
    compileTemplate(text, (name) => placeholder(name, index, measures, filled, ctx.baseCurrency), (msg) => report(at, msg))
  if ('fixed' in file.score) {
    const fixed = { score: file.score.fixed }
    score = () => fixed
  } else {
    const i = index.get(file.score.measure)
    if (i === undefined) report(['score', 'measure'], `no measure "${file.score.measure}" in this rule`)
    scoreMeasure = i ?? -1
    for (const p of bandProblems(file.score.bands)) report(['score', 'bands', p.index], p.message)
    score = compileBands(file.score.bands)
    file.score.bands.forEach((b, bi) => {
      if (b.reason !== undefined) bandReasons.set(b.reason, renderTemplate(b.reason, ['score', 'bands', bi, 'reason']))
    })
  }

  return {
    id: file.id,
    version: file.version,
    title: file.title,
    typology: file.typology,
    source: file.source,
    modifier: file.modifier,
    weight: ctx.weight,
    evidenceLimit: file.evidence_limit ?? ctx.evidenceLimit,
    falseAlertBudget: file.false_alert_budget,
    entity: typeof entity === 'string' ? undefined : entity,
    windowMs,
    window: file.window,
    where,
    when,
    ...(guard && { guard }),
    whereByClass,
    whenByClass,
    measures,
    windowParts,
    windowAggregates: windowParts.map((p) => p.aggregate),
    needs,
    graphOptions,
    require,
    requireSteps: requireInSteps,
    scoreMeasure,
    score,
    scores: 'fixed' in file.score ? [file.score.fixed] : file.score.bands.map((b) => b.score),
    reason: renderTemplate(file.reason, ['reason']),
    bandReasons,
  }
}

/** A reason placeholder: a measure, the window, the entity, one the measures fill, the amount, or any record field. */
function placeholder(
  name: string,
  index: ReadonlyMap<string, number>,
  measures: readonly CompiledMeasure[],
  filled: ReadonlySet<string>,
  baseCurrency: string,
): ((values: readonly number[], view: TransferView, extra: Record<string, string>) => string) | undefined {
  const i = index.get(name)
  if (i !== undefined) {
    const unit = measures[i]!.unit
    return (values) => formatMeasure(values[i]!, unit, baseCurrency)
  }
  if (filled.has(name)) return (_v, _view, extra) => extra[name] ?? ''
  if (name === 'amount') return (_v, view) => formatMinor(view.ctx.amountMinor, baseCurrency)
  const field = compileField(name)
  if (!field) return undefined
  const get = field.get
  return (_v, view) => {
    const x = get(view)
    // a field the transfer does not carry reads as nothing, not as a placeholder
    return Array.isArray(x) ? x.join(' ') : x === undefined || x === null ? '' : String(x)
  }
}
