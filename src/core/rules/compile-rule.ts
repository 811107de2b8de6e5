import { formatMinor, MINOR_PER_MAJOR } from '../money/convert.ts'
import type { TransferView } from '../screen/view.ts'
import type { WindowAggregate } from '../state/window.ts'
import { bandProblems, compileBands } from './bands.ts'
import type { CompiledMeasure, CompiledRule, MeasureUnit, ReasonRenderer } from './compiled.ts'
import { compileConditions, type ConditionScope, type Predicate } from './conditions.ts'
import { parseDuration } from './duration.ts'
import { compileEntity } from './entity.ts'
import { compileField, FIELD_HELP } from './fields.ts'
import type { Measure, RuleFile } from './schema.ts'
import { compileTemplate } from './template.ts'
import type { YamlPath } from './yaml-source.ts'

export interface RuleCompileContext {
  lists: ReadonlyMap<string, readonly (string | number | boolean)[]>
  weight: number
  evidenceLimit: number
  baseCurrency: string
  report(path: YamlPath, message: string, key?: string): void
}

const DAY_MS = 86_400_000

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
    report,
  }
  const where = compileConditions(file.where, ['where'], fieldScope)
  const when = file.when ? compileConditions(file.when, ['when'], fieldScope) : where

  const measures = compileMeasures(file, fieldScope, report)
  const windowAggregates = measures.flatMap((m) => (m.kind === 'windowed' ? [m.aggregate] : []))
  const hasWindowed = windowAggregates.length > 0
  const graph = measures.find((m) => m.kind === 'cycle')
  // a gap needs the entity's last-seen time; an account's age is read from the record and keeps no state
  const seen = measures.some((m) => m.kind === 'gap_days')
  if ((hasWindowed || graph) && !file.window) report([], 'windowed measures (count, sum, max, distinct, cycle) need a "window"', 'measures')
  if ((hasWindowed || seen) && (entity === undefined || typeof entity === 'string')) {
    if (entity === undefined) report(['entity'], 'windowed and history measures need an entity to keep state by, not "none"')
  }

  const index = new Map(measures.map((m, i) => [m.name, i]))
  const requireScope: ConditionScope<readonly number[]> = {
    resolve: (name) => {
      const i = index.get(name)
      if (i === undefined) return undefined
      const unit = measures[i]!.unit
      return { kind: unit === 'money' ? 'number' : 'number', get: (vals) => vals[i] }
    },
    unknownNameHelp: `the rule's measures (${[...index.keys()].join(', ')})`,
    lists: ctx.lists,
    report,
  }
  const require: Predicate<readonly number[]> = compileConditions(file.require, ['require'], requireScope)

  let scoreMeasure = -1
  let score: CompiledRule['score']
  const bandReasons = new Map<string, ReasonRenderer>()
  const renderTemplate = (text: string, at: YamlPath) =>
    compileTemplate(text, (name) => placeholder(name, index, measures, ctx.baseCurrency), (msg) => report(at, msg))
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
    entity: typeof entity === 'string' ? undefined : entity,
    windowMs,
    window: file.window,
    where,
    when,
    measures,
    windowAggregates,
    needs: { window: hasWindowed, seen, graph: graph?.kind === 'cycle' ? graph.search : undefined },
    require,
    scoreMeasure,
    score,
    reason: renderTemplate(file.reason, ['reason']),
    bandReasons,
  }
}

function compileMeasures(
  file: RuleFile,
  scope: ConditionScope<TransferView>,
  report: RuleCompileContext['report'],
): CompiledMeasure[] {
  const direct: CompiledMeasure[] = []
  const ratios: { name: string; of: [string, string] }[] = []
  let slot = 0
  for (const [name, spec] of Object.entries(file.measures) as [string, Measure][]) {
    const at: YamlPath = ['measures', name]
    if ('ratio' in spec) {
      ratios.push({ name, of: spec.ratio })
      continue
    }
    if ('count' in spec || 'sum' in spec || 'max' in spec || 'distinct' in spec) {
      const filter = compileConditions(spec.where, [...at, 'where'], scope)
      const aggregate: WindowAggregate = 'count' in spec ? 'count' : 'sum' in spec ? 'sum' : 'max' in spec ? 'max' : 'distinct'
      let extract: (v: TransferView) => number | string | undefined
      if (aggregate === 'count') extract = (v) => (filter(v) ? 1 : undefined)
      else if (aggregate === 'sum' || aggregate === 'max') extract = (v) => (filter(v) ? v.ctx.amountMinor : undefined)
      else {
        const field = compileField((spec as { distinct: string }).distinct)
        if (!field) {
          report([...at, 'distinct'], `unknown field "${(spec as { distinct: string }).distinct}"; known: ${FIELD_HELP}`)
          extract = () => undefined
        } else {
          const get = field.get
          extract = (v) => {
            if (!filter(v)) return undefined
            const x = get(v)
            return x === undefined || x === '' ? undefined : String(x)
          }
        }
      }
      const unit: MeasureUnit = aggregate === 'sum' || aggregate === 'max' ? 'money' : 'count'
      direct.push({ name, unit, kind: 'windowed', slot: slot++, aggregate, extract })
      continue
    }
    if ('value' in spec) {
      const field = compileField(spec.value)
      if (!field || field.kind === 'text') {
        report([...at, 'value'], field ? `"${spec.value}" is not a number or amount` : `unknown field "${spec.value}"; known: ${FIELD_HELP}`)
        direct.push({ name, unit: 'number', kind: 'value', get: () => undefined })
        continue
      }
      const get = field.get
      const money = field.kind === 'money'
      direct.push({
        name,
        unit: money ? 'money' : 'number',
        kind: 'value',
        get: (v) => {
          const x = get(v)
          return typeof x === 'number' ? (money ? x / MINOR_PER_MAJOR : x) : undefined
        },
      })
      continue
    }
    if ('gap_days' in spec) direct.push({ name, unit: 'days', kind: 'gap_days' })
    else if ('age_days' in spec) direct.push({ name, unit: 'days', kind: 'age_days' })
    else if ('cycle' in spec) {
      const c = spec.cycle
      direct.push({
        name,
        unit: 'hops',
        kind: 'cycle',
        search: { maxHops: c.max_hops, minHops: 2, maxVisits: c.max_visits, minKept: c.min_kept },
      })
    } else if ('name_match' in spec) {
      direct.push({ name, unit: 'score', kind: 'name_match', ...(spec.name_match.type && { type: spec.name_match.type }) })
    } else if ('indicator' in spec) {
      direct.push({
        name,
        unit: 'count',
        kind: 'indicator',
        types: spec.indicator.types ?? ['phone', 'email', 'handle', 'wallet', 'account'],
      })
    }
  }
  const all = [...direct]
  for (const r of ratios) {
    const a = direct.findIndex((m) => m.name === r.of[0])
    const b = direct.findIndex((m) => m.name === r.of[1])
    if (a < 0 || b < 0) {
      report(['measures', r.name, 'ratio'], `ratio parts must be other non-ratio measures of this rule (${direct.map((m) => m.name).join(', ')})`)
      continue
    }
    all.push({ name: r.name, unit: 'ratio', kind: 'ratio', of: [a, b] })
  }
  return all
}

/** A reason placeholder: a measure, the window, the entity, the amount, or any record field. */
function placeholder(
  name: string,
  index: ReadonlyMap<string, number>,
  measures: readonly CompiledMeasure[],
  baseCurrency: string,
): ((values: readonly number[], view: TransferView, extra: Record<string, string>) => string) | undefined {
  const i = index.get(name)
  if (i !== undefined) {
    const unit = measures[i]!.unit
    return (values) => formatMeasure(values[i]!, unit, baseCurrency)
  }
  if (name === 'window' || name === 'entity' || name === 'matched' || name === 'list') return (_v, _view, extra) => extra[name] ?? ''
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

export function formatMeasure(value: number, unit: MeasureUnit, baseCurrency: string): string {
  switch (unit) {
    case 'money':
      return formatMinor(Math.round(value * MINOR_PER_MAJOR), baseCurrency)
    case 'ratio':
      return value.toFixed(2)
    case 'days':
      return value >= 10 ? value.toFixed(0) : value.toFixed(1)
    case 'score':
      return value.toFixed(2)
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(2)
  }
}

export { DAY_MS }
