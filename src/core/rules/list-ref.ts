import type { ConditionScope } from './conditions.ts'
import { LIST_KIND_TEXT, type CoOccurs, type Route, type StructuredList, type WeightedTerm } from './structured-lists.ts'
import type { YamlPath } from './yaml-source.ts'

export type ListValues = readonly (string | number | boolean)[]

/** A literal list as written, or "$name" resolved among the ruleset's lists (reported when there is none). */
export function resolveList<T>(value: unknown, at: YamlPath, scope: ConditionScope<T>): ListValues | undefined {
  if (Array.isArray(value)) return value
  const name = String(value).slice(1)
  const list = scope.lists.get(name)
  if (list) return list
  const structured = scope.structured?.get(name)
  if (structured) scope.report(at, `list "${name}" holds ${LIST_KIND_TEXT[structured.kind]}; a condition needs a list of plain values`)
  else scope.report(at, `no list "${name}" in the ruleset; known: ${[...scope.lists.keys()].join(', ') || '(none)'}`)
  return undefined
}

interface ListEntries {
  terms: readonly (WeightedTerm | CoOccurs)[]
  routes: readonly Route[]
}

/** "$name" of a list of `kind` (weighted terms or routes) among the ruleset's structured lists (reported when there is none) */
export function resolveStructured<T, K extends StructuredList['kind']>(
  ref: string,
  kind: K,
  at: YamlPath,
  scope: ConditionScope<T>,
): ListEntries[K] | undefined {
  const name = ref.slice(1)
  const list = scope.structured?.get(name)
  if (list?.kind === kind) return list.entries as ListEntries[K]
  const known = [...(scope.structured ?? new Map<string, StructuredList>())].filter(([, l]) => l.kind === kind).map(([n]) => n)
  const what = list ? `holds ${LIST_KIND_TEXT[list.kind]}` : scope.lists.has(name) ? 'holds plain values' : 'is not in the ruleset'
  scope.report(at, `list "${name}" ${what}; expected a list of ${LIST_KIND_TEXT[kind]} (${known.join(', ') || 'none in the ruleset'})`)
  return undefined
}

/** "2400-3000" to [2400, 3000): plain decimals only, so a list entry can never smuggle in code or a pattern */
export function parseRanges<T>(list: ListValues, at: YamlPath, scope: ConditionScope<T>): [number, number][] {
  const out: [number, number][] = []
  for (const entry of list) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(String(entry))
    const from = m ? Number(m[1]) : Number.NaN
    const below = m ? Number(m[2]) : Number.NaN
    if (!(from < below)) scope.report(at, `range "${String(entry)}": expected "from-below" with from < below, e.g. "2400-3000"`)
    else out.push([from, below])
  }
  return out
}
