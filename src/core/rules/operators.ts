import { z } from 'zod'
import { MINOR_PER_MAJOR } from '../money/convert.ts'
import type { ConditionScope, Predicate, ScopedField } from './conditions.ts'
import { compileKeywords, normaliseWords } from './keywords.ts'
import { parseRanges, resolveList } from './list-ref.ts'
import { lowerText, sameText } from './lower-case.ts'
import { listRef, scalar } from './schema-parts.ts'
import type { YamlPath } from './yaml-source.ts'

/** One operator compiled against one field: its value as the rule file gives it, once, into a predicate. */
type OperatorCompile<V> = <T>(value: V, field: ScopedField<T>, at: YamlPath, scope: ConditionScope<T>) => Predicate<T> | undefined

interface OperatorDefinition<S extends z.ZodType> {
  /** the schema of the operator's value in a rule file */
  value: S
  /** undefined after reporting a problem */
  compile: OperatorCompile<z.output<S>>
}

function operator<S extends z.ZodType>(value: S, compile: OperatorCompile<z.output<S>>): OperatorDefinition<S> {
  return { value, compile }
}

/**
 * Every operator of a condition `{ field: { op: value } }`, in the order the rule-file schema lists them.
 * The schema of an operators object and the test for one are derived from this table.
 */
export const OPERATORS = {
  eq: operator(scalar, (value, field) => equality(value, field)),
  ne: operator(scalar, (value, field) => negate(equality(value, field))),
  in: operator(listRef, (value, field, at, scope) => membership(value, field, at, scope)),
  not_in: operator(listRef, (value, field, at, scope) => negate(membership(value, field, at, scope))),
  gt: operator(z.number(), (value, field, at, scope) => bound('gt', value, field, at, scope)),
  gte: operator(z.number(), (value, field, at, scope) => bound('gte', value, field, at, scope)),
  lt: operator(z.number(), (value, field, at, scope) => bound('lt', value, field, at, scope)),
  lte: operator(z.number(), (value, field, at, scope) => bound('lte', value, field, at, scope)),
  exists: operator(z.boolean(), (value, field) => (value ? presence(field) : negate(presence(field)))),
  has_keyword: operator(listRef, (value, field, at, scope) => keywords(value, field, at, scope)),
  /** amount bands such as "2400-3000" (from inclusive, to exclusive), literal or "$list" */
  in_ranges: operator(listRef, (value, field, at, scope) => inRanges(value, field, at, scope)),
  eq_field: operator(z.string(), (value, field, at, scope) => sameAsField(value, field, at, scope, false)),
  ne_field: operator(z.string(), (value, field, at, scope) => sameAsField(value, field, at, scope, true)),
}

export type OperatorName = keyof typeof OPERATORS
const NAMES: readonly OperatorName[] = Object.keys(OPERATORS) as OperatorName[]
const NAME_SET: ReadonlySet<string> = new Set(NAMES)

const valueShape = Object.fromEntries(NAMES.map((name) => [name, OPERATORS[name].value])) as {
  [K in OperatorName]: (typeof OPERATORS)[K]['value']
}

export const OperatorsSchema = z
  .object(valueShape)
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, `expected at least one operator (${NAMES.join(', ')})`)
export type Operators = z.infer<typeof OperatorsSchema>

/** true when an object is an operators object (`{ gte: 3 }`) rather than a condition around a field */
export function isOperators(x: object): boolean {
  return Object.keys(x).some((k) => NAME_SET.has(k))
}

/** A validated operator and its value, compiled against a field; undefined after reporting a problem. */
export function compileOperator<T>(
  name: OperatorName,
  value: unknown,
  field: ScopedField<T>,
  at: YamlPath,
  scope: ConditionScope<T>,
): Predicate<T> | undefined {
  return (OPERATORS[name].compile as OperatorCompile<unknown>)(value, field, at, scope)
}

function negate<T>(p: Predicate<T>): Predicate<T>
function negate<T>(p: Predicate<T> | undefined): Predicate<T> | undefined
function negate<T>(p: Predicate<T> | undefined): Predicate<T> | undefined {
  return p && ((x) => !p(x))
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN
}

/** gt, gte, lt or lte: the bound is in the field's units (minor units for amounts) */
function bound<T>(
  op: 'gt' | 'gte' | 'lt' | 'lte',
  value: number,
  field: ScopedField<T>,
  at: YamlPath,
  scope: ConditionScope<T>,
): Predicate<T> | undefined {
  if (field.kind === 'text') {
    scope.report(at, `"${op}" needs a number or amount field`)
    return undefined
  }
  const limit = value * (field.kind === 'money' ? MINOR_PER_MAJOR : 1)
  const get = field.get
  switch (op) {
    case 'gt':
      return (x) => num(get(x)) > limit
    case 'gte':
      return (x) => num(get(x)) >= limit
    case 'lt':
      return (x) => num(get(x)) < limit
    case 'lte':
      return (x) => num(get(x)) <= limit
    default:
      return op satisfies never
  }
}

function equality<T>(value: string | number | boolean, field: ScopedField<T>): Predicate<T> {
  const get = field.get
  const target = field.kind === 'text' ? String(value).toLowerCase() : (value as number) * (field.kind === 'money' ? MINOR_PER_MAJOR : 1)
  const fixedTarget = field.case === 'upper' ? String(value).toUpperCase() : String(value).toLowerCase()
  if (field.case) return (x) => get(x) === fixedTarget
  if (field.kind === 'text') {
    return (x) => {
      const v = get(x)
      return v !== undefined && (v === target || lowerText(v) === target)
    }
  }
  return (x) => get(x) === target
}

function membership<T>(value: unknown, field: ScopedField<T>, at: YamlPath, scope: ConditionScope<T>): Predicate<T> | undefined {
  const list = resolveList(value, at, scope)
  if (!list) return undefined
  const get = field.get
  if (field.case) {
    // a field of fixed case compares as it is: no case folding per transfer
    const fixed = new Set(list.map((v) => (field.case === 'lower' ? String(v).toLowerCase() : String(v).toUpperCase())))
    return (x) => fixed.has(get(x) as string)
  }
  const set = new Set(list.map((v) => String(v).toLowerCase()))
  return (x) => {
    const v = get(x)
    // the set holds lower-cased text, so a value found as it is is already lower case
    return v !== undefined && v !== null && (set.has(v as string) || set.has(lowerText(v)))
  }
}

function presence<T>(field: ScopedField<T>): Predicate<T> {
  const get = field.get
  return (x) => {
    const v = get(x)
    return v !== undefined && v !== null && v !== ''
  }
}

/** any word or phrase of the list in the field's words */
function keywords<T>(value: unknown, field: ScopedField<T>, at: YamlPath, scope: ConditionScope<T>): Predicate<T> | undefined {
  const list = resolveList(value, at, scope)
  if (!list) return undefined
  const matcher = compileKeywords(list.map(String))
  const get = field.get
  return (x) => {
    const v = get(x)
    if (Array.isArray(v)) return matcher.find(v as string[], '').length > 0
    if (typeof v !== 'string' || v === '') return false
    return matcher.find(normaliseWords(v), v).length > 0
  }
}

function inRanges<T>(value: unknown, field: ScopedField<T>, at: YamlPath, scope: ConditionScope<T>): Predicate<T> | undefined {
  if (field.kind === 'text') {
    scope.report(at, '"in_ranges" needs a number or amount field')
    return undefined
  }
  const list = resolveList(value, at, scope)
  if (!list) return undefined
  const scale = field.kind === 'money' ? MINOR_PER_MAJOR : 1
  const scaled = parseRanges(list, at, scope).map(([from, below]) => [from * scale, below * scale] as const)
  const get = field.get
  return (x) => {
    const v = num(get(x))
    for (const [from, below] of scaled) if (v >= from && v < below) return true
    return false
  }
}

/** eq_field (both known and equal, case-insensitively) or ne_field (both known and not equal) */
function sameAsField<T>(name: string, field: ScopedField<T>, at: YamlPath, scope: ConditionScope<T>, differs: boolean): Predicate<T> | undefined {
  const other = scope.resolve(name)
  if (!other) {
    scope.report(at, `unknown field "${name}"; known: ${scope.unknownNameHelp}`)
    return undefined
  }
  const get = field.get
  const getOther = other.get
  // both sides must be known before they can be equal or differ
  if (differs) {
    return (x) => {
      const a = get(x)
      if (a === undefined) return false
      const b = getOther(x)
      return b !== undefined && a !== b && !sameText(a, b)
    }
  }
  return (x) => {
    const a = get(x)
    if (a === undefined) return false
    const b = getOther(x)
    return b !== undefined && (a === b || sameText(a, b))
  }
}
