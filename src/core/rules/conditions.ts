import { MINOR_PER_MAJOR } from '../money/convert.ts'
import type { FieldKind } from './fields.ts'
import { compileKeywords, normaliseWords } from './keywords.ts'
import { lowerText } from './lower-case.ts'
import type { Condition, Conditions, Operators } from './schema.ts'
import type { YamlPath } from './yaml-source.ts'

export type Predicate<T> = (input: T) => boolean

export interface ConditionScope<T> {
  /** a name in the rule file to a getter over T */
  resolve(name: string): { kind: FieldKind; get(input: T): unknown; case?: 'lower' | 'upper' } | undefined
  unknownNameHelp: string
  lists: ReadonlyMap<string, readonly (string | number | boolean)[]>
  report(path: YamlPath, message: string, key?: string): void
}

const TRUE = () => true

/** Compiles conditions once into a closure; problems are reported with their place in the file. */
export function compileConditions<T>(conds: Conditions | undefined, at: YamlPath, scope: ConditionScope<T>): Predicate<T> {
  if (conds === undefined) return TRUE
  if (Array.isArray(conds)) return allOf(conds.map((c, i) => compileCondition(c, [...at, i], scope)))
  return compileCondition(conds, at, scope)
}

function compileCondition<T>(cond: Condition, at: YamlPath, scope: ConditionScope<T>): Predicate<T> {
  if ('any' in cond && Array.isArray(cond.any)) {
    const parts = (cond.any as Condition[]).map((c, i) => compileCondition(c, [...at, 'any', i], scope))
    return (x) => {
      for (const p of parts) if (p(x)) return true
      return false
    }
  }
  if ('all' in cond && Array.isArray(cond.all)) {
    return allOf((cond.all as Condition[]).map((c, i) => compileCondition(c, [...at, 'all', i], scope)))
  }
  if ('not' in cond && typeof cond.not === 'object' && !Array.isArray(cond.not) && !isOperators(cond.not)) {
    const inner = compileCondition(cond.not as Condition, [...at, 'not'], scope)
    return (x) => !inner(x)
  }
  const parts: Predicate<T>[] = []
  for (const [name, ops] of Object.entries(cond as Record<string, Operators>)) {
    const field = scope.resolve(name)
    if (!field) {
      scope.report(at, `unknown field "${name}"; known: ${scope.unknownNameHelp}`, name)
      continue
    }
    for (const [op, value] of Object.entries(ops)) {
      const p = compileOperator(op as keyof Operators, value, field, [...at, name, op], scope)
      if (p) parts.push(p)
    }
  }
  return allOf(parts)
}

function isOperators(x: object): boolean {
  return Object.keys(x).some((k) => ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'exists', 'in_ranges'].includes(k))
}

function allOf<T>(parts: Predicate<T>[]): Predicate<T> {
  if (parts.length === 0) return TRUE
  if (parts.length === 1) return parts[0]!
  if (parts.length === 2) {
    const [a, b] = parts as [Predicate<T>, Predicate<T>]
    return (x) => a(x) && b(x)
  }
  return (x) => {
    for (const p of parts) if (!p(x)) return false
    return true
  }
}

function compileOperator<T>(
  op: keyof Operators,
  value: unknown,
  field: { kind: FieldKind; get(input: T): unknown; case?: 'lower' | 'upper' },
  at: YamlPath,
  scope: ConditionScope<T>,
): Predicate<T> | undefined {
  const get = field.get
  const scale = field.kind === 'money' ? MINOR_PER_MAJOR : 1
  switch (op) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (field.kind === 'text') {
        scope.report(at, `"${op}" needs a number or amount field`)
        return undefined
      }
      const limit = (value as number) * scale
      if (op === 'gt') return (x) => num(get(x)) > limit
      if (op === 'gte') return (x) => num(get(x)) >= limit
      if (op === 'lt') return (x) => num(get(x)) < limit
      return (x) => num(get(x)) <= limit
    }
    case 'eq':
    case 'ne': {
      const target = field.kind === 'text' ? String(value).toLowerCase() : (value as number) * scale
      const fixedTarget = field.case === 'upper' ? String(value).toUpperCase() : String(value).toLowerCase()
      const eq =
        field.case
          ? (x: T) => get(x) === fixedTarget
          : field.kind === 'text'
          ? (x: T) => {
              const v = get(x)
              return v !== undefined && (v === target || lowerText(v) === target)
            }
          : (x: T) => get(x) === target
      return op === 'eq' ? eq : (x) => !eq(x)
    }
    case 'in':
    case 'not_in': {
      const list = resolveList(value, at, scope)
      if (!list) return undefined
      if (field.case) {
        // a field of fixed case compares as it is: no case folding per transfer
        const fixed = new Set(list.map((v) => (field.case === 'lower' ? String(v).toLowerCase() : String(v).toUpperCase())))
        const hasFixed = (x: T) => fixed.has(get(x) as string)
        return op === 'in' ? hasFixed : (x) => !hasFixed(x)
      }
      const set = new Set(list.map((v) => String(v).toLowerCase()))
      const has = (x: T) => {
        const v = get(x)
        // the set holds lower-cased text, so a value found as it is is already lower case
        return v !== undefined && v !== null && (set.has(v as string) || set.has(lowerText(v)))
      }
      return op === 'in' ? has : (x) => !has(x)
    }
    case 'exists': {
      const present = (x: T) => {
        const v = get(x)
        return v !== undefined && v !== null && v !== ''
      }
      return value ? present : (x) => !present(x)
    }
    case 'has_keyword': {
      const list = resolveList(value, at, scope)
      if (!list) return undefined
      const matcher = compileKeywords(list.map(String))
      return (x) => {
        const v = get(x)
        if (Array.isArray(v)) return matcher.find(v as string[], '').length > 0
        if (typeof v !== 'string' || v === '') return false
        return matcher.find(normaliseWords(v), v).length > 0
      }
    }
    case 'in_ranges': {
      if (field.kind === 'text') {
        scope.report(at, '"in_ranges" needs a number or amount field')
        return undefined
      }
      const list = resolveList(value, at, scope)
      if (!list) return undefined
      const ranges = parseRanges(list, at, scope)
      const scaled = ranges.map(([from, below]) => [from * scale, below * scale] as const)
      return (x) => {
        const v = num(get(x))
        for (const [from, below] of scaled) if (v >= from && v < below) return true
        return false
      }
    }
    case 'eq_field':
    case 'ne_field': {
      const other = scope.resolve(String(value))
      if (!other) {
        scope.report(at, `unknown field "${String(value)}"; known: ${scope.unknownNameHelp}`)
        return undefined
      }
      const same = (x: T) => {
        const a = get(x)
        const b = other.get(x)
        return a !== undefined && b !== undefined && (a === b || lowerText(a) === lowerText(b))
      }
      // both sides must be known before they can differ
      return op === 'eq_field' ? same : (x) => get(x) !== undefined && other.get(x) !== undefined && !same(x)
    }
  }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN
}

/** "2400-3000" to [2400, 3000): plain decimals only, so a list entry can never smuggle in code or a pattern */
function parseRanges<T>(list: readonly (string | number | boolean)[], at: YamlPath, scope: ConditionScope<T>): [number, number][] {
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

function resolveList<T>(value: unknown, at: YamlPath, scope: ConditionScope<T>): readonly (string | number | boolean)[] | undefined {
  if (Array.isArray(value)) return value
  const name = String(value).slice(1)
  const list = scope.lists.get(name)
  if (!list) scope.report(at, `no list "${name}" in the ruleset; known: ${[...scope.lists.keys()].join(', ') || '(none)'}`)
  return list
}
