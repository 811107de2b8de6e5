import type { ConditionScope } from './conditions.ts'
import type { YamlPath } from './yaml-source.ts'

export type ListValues = readonly (string | number | boolean)[]

/** A literal list as written, or "$name" resolved among the ruleset's lists (reported when there is none). */
export function resolveList<T>(value: unknown, at: YamlPath, scope: ConditionScope<T>): ListValues | undefined {
  if (Array.isArray(value)) return value
  const name = String(value).slice(1)
  const list = scope.lists.get(name)
  if (!list) scope.report(at, `no list "${name}" in the ruleset; known: ${[...scope.lists.keys()].join(', ') || '(none)'}`)
  return list
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
