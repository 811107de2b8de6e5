import type { TransferView } from '../../screen/view.ts'
import type { ConditionScope } from '../conditions.ts'
import type { YamlPath } from '../yaml-source.ts'
import type { CompiledMeasure, MeasureDefinition, MeasurePlan, MeasureSpec } from './measure.ts'
import type { MeasureRegistry } from './registry.ts'

const NO_READS: readonly number[] = []

/**
 * A rule file's measures to compiled ones, in evaluation order: those that read no other measure in file
 * order, then those that do (such as ratios), each after the measures it reads. Window aggregates get their
 * slots in that order. Every problem is reported; a measure that cannot be placed is left out.
 */
export function compileMeasures(
  specs: Readonly<Record<string, MeasureSpec>>,
  registry: MeasureRegistry,
  fields: ConditionScope<TransferView>,
  report: (path: YamlPath, message: string) => void,
): CompiledMeasure[] {
  const compiled: { name: string; definition: MeasureDefinition; plan: MeasurePlan }[] = []
  for (const [name, spec] of Object.entries(specs)) {
    const definition = registry.definitionOf(spec)
    const at: YamlPath = ['measures', name]
    if (!definition) {
      report(at, `not a measure this ruleset knows (${registry.keys.join(', ')})`)
      continue
    }
    compiled.push({ name, definition, plan: definition.compile(spec, { at, fields, report }) })
  }

  const direct = compiled.filter((c) => c.plan.reads === undefined)
  const out: CompiledMeasure[] = []
  let slots = 0
  const place = (c: (typeof compiled)[number], reads: readonly number[]) => {
    out.push(compiledMeasure(c.name, c.plan, out.length, c.plan.window ? slots++ : -1, reads))
  }
  for (const c of direct) place(c, NO_READS)
  for (const c of compiled) {
    if (c.plan.reads === undefined) continue
    const reads = c.plan.reads.map((name) => direct.findIndex((d) => d.name === name))
    if (reads.some((i) => i < 0)) {
      report(
        ['measures', c.name, c.definition.key],
        `${c.definition.key} parts must be other measures of this rule that read no others (${direct.map((d) => d.name).join(', ')})`,
      )
      continue
    }
    place(c, reads)
  }
  return out
}

/** one object shape for every measure, whatever its definition returned */
function compiledMeasure(name: string, plan: MeasurePlan, index: number, slot: number, reads: readonly number[]): CompiledMeasure {
  const window = plan.window && { aggregate: plan.window.aggregate, extract: plan.window.extract }
  return {
    name,
    unit: plan.unit,
    index,
    window,
    slot,
    seen: plan.seen ?? false,
    graph: plan.graph ?? false,
    graphInbound: plan.graphInbound ?? false,
    graphMaxEdges: plan.graphMaxEdges ?? Number.POSITIVE_INFINITY,
    lists: plan.lists ?? false,
    zeroWithout: plan.zeroWithout,
    reads,
    cost: { add: plan.cost?.add ?? 0, evaluation: plan.cost?.evaluation ?? 0, withLists: plan.cost?.withLists ?? 0 },
    scratch: plan.scratch,
    evaluate: plan.evaluate,
  }
}
