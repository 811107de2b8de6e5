import type { Condition, Conditions } from './condition-schema.ts'
import type { StructuredList } from './structured-lists.ts'
import type { FieldKind } from './fields.ts'
import { compileOperator, isOperators, type OperatorName, type Operators } from './operators.ts'
import type { YamlPath } from './yaml-source.ts'

export type Predicate<T> = (input: T) => boolean

/** A name a condition tests (a record field, or a measure in `require`): its kind and a getter over T. */
export interface ScopedField<T> {
  kind: FieldKind
  get(input: T): unknown
  case?: 'lower' | 'upper'
}

export interface ConditionScope<T> {
  /** a name in the rule file to a getter over T */
  resolve(name: string): ScopedField<T> | undefined
  unknownNameHelp: string
  lists: ReadonlyMap<string, readonly (string | number | boolean)[]>
  /** lists of weighted terms or routes, which measures read and conditions cannot */
  structured?: ReadonlyMap<string, StructuredList>
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
    return anyOf((cond.any as Condition[]).map((c, i) => compileCondition(c, [...at, 'any', i], scope)))
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
      const p = compileOperator(op as OperatorName, value, field, [...at, name, op], scope)
      if (p) parts.push(p)
    }
  }
  return allOf(parts)
}

export function anyOf<T>(parts: Predicate<T>[]): Predicate<T> {
  return (x) => {
    for (const p of parts) if (p(x)) return true
    return false
  }
}

export function allOf<T>(parts: Predicate<T>[]): Predicate<T> {
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
