import type { TransferView } from '../screen/view.ts'
import type { Condition, Conditions } from './condition-schema.ts'
import { allOf, anyOf, type ConditionScope, type Predicate } from './conditions.ts'
import { compileOperator, isOperators, type OperatorName, type Operators } from './operators.ts'
import { CLASS_COUNT, classView } from './transfer-class.ts'

/**
 * A rule's conditions specialised to each class of transfer (transfer-class.ts): the tests of a class's own
 * fields (direction, channel, the parties' types) against constants are decided once per class, so a transfer
 * runs only what its class leaves to test, often a single leaf or nothing (ALWAYS, NEVER). Equal to the
 * conditions compiled whole (conditions.ts) on every transfer: those tests are pure and depend on the class only.
 */

/** the fields a class decides, and the operators that compare one with constants only */
const CLASS_FIELDS: ReadonlySet<string> = new Set(['direction', 'channel', 'party.type', 'counterparty.type', 'sender.type', 'receiver.type'])
const CLASS_OPERATORS: ReadonlySet<string> = new Set<OperatorName>(['eq', 'ne', 'in', 'not_in'])

export const ALWAYS: Predicate<TransferView> = () => true
export const NEVER: Predicate<TransferView> = () => false

/** conditions as a tree; `class` leaves depend on the class alone */
export type ConditionTree =
  | { kind: 'class' | 'leaf'; test: Predicate<TransferView> }
  | { kind: 'all' | 'any'; parts: ConditionTree[] }
  | { kind: 'not'; inner: ConditionTree }

/** the conditions as a tree of their compiled leaves; problems are left to `compileConditions` to report */
export function conditionTree(conds: Conditions | undefined, rulesScope: ConditionScope<TransferView>): ConditionTree {
  const scope: ConditionScope<TransferView> = { ...rulesScope, report: () => {} }
  if (conds === undefined) return { kind: 'all', parts: [] }
  if (Array.isArray(conds)) return { kind: 'all', parts: conds.map((c) => treeOf(c, scope)) }
  return treeOf(conds, scope)
}

function treeOf(cond: Condition, scope: ConditionScope<TransferView>): ConditionTree {
  if ('any' in cond && Array.isArray(cond.any)) return { kind: 'any', parts: (cond.any as Condition[]).map((c) => treeOf(c, scope)) }
  if ('all' in cond && Array.isArray(cond.all)) return { kind: 'all', parts: (cond.all as Condition[]).map((c) => treeOf(c, scope)) }
  if ('not' in cond && typeof cond.not === 'object' && !Array.isArray(cond.not) && !isOperators(cond.not)) {
    return { kind: 'not', inner: treeOf(cond.not as Condition, scope) }
  }
  const parts: ConditionTree[] = []
  for (const [name, ops] of Object.entries(cond as Record<string, Operators>)) {
    const field = scope.resolve(name)
    if (!field) continue
    for (const [op, value] of Object.entries(ops)) {
      const test = compileOperator(op as OperatorName, value, field, [], scope)
      if (test) parts.push({ kind: CLASS_FIELDS.has(name) && CLASS_OPERATORS.has(op) ? 'class' : 'leaf', test })
    }
  }
  return parts.length === 1 ? parts[0]! : { kind: 'all', parts }
}

/** true or false when `view`'s class decides the tree, undefined when the transfer's other fields do (no closures made) */
export function decided(tree: ConditionTree, view: TransferView): boolean | undefined {
  switch (tree.kind) {
    case 'class':
      return tree.test(view)
    case 'leaf':
      return undefined
    case 'not': {
      const inner = decided(tree.inner, view)
      return inner === undefined ? undefined : !inner
    }
    case 'all':
    case 'any': {
      const decisive = tree.kind === 'any'
      let open = false
      for (const part of tree.parts) {
        const d = decided(part, view)
        if (d === decisive) return decisive
        if (d === undefined) open = true
      }
      return open ? undefined : !decisive
    }
  }
}

/** the tree for transfers of `view`'s class: true or false when the class decides it, else what is left to test */
export function specialise(tree: ConditionTree, view: TransferView): boolean | Predicate<TransferView> {
  switch (tree.kind) {
    case 'class':
      return tree.test(view)
    case 'leaf':
      return tree.test
    case 'not': {
      const inner = specialise(tree.inner, view)
      return typeof inner === 'boolean' ? !inner : (x) => !inner(x)
    }
    case 'all':
    case 'any': {
      // all: a false part decides, true parts drop out; any: the other way round
      const decisive = tree.kind === 'any'
      const left: Predicate<TransferView>[] = []
      for (const part of tree.parts) {
        const s = specialise(part, view)
        if (s === decisive) return decisive
        if (typeof s !== 'boolean') left.push(s)
      }
      if (left.length === 0) return !decisive
      if (left.length === 1) return left[0]!
      return decisive ? anyOf(left) : allOf(left)
    }
  }
}

/** A rule's conditions by class, specialised on the first transfer of each class (most batches see a few dozen). */
export class ClassConditions {
  private readonly byClass: (Predicate<TransferView> | undefined)[] = new Array(CLASS_COUNT).fill(undefined)

  constructor(private readonly tree: ConditionTree) {}

  /** ALWAYS, NEVER, or the test left for transfers of this class */
  at(guardClass: number): Predicate<TransferView> {
    return this.byClass[guardClass] ?? this.fill(guardClass)
  }

  private fill(guardClass: number): Predicate<TransferView> {
    const s = specialise(this.tree, classView(guardClass))
    const p = s === true ? ALWAYS : s === false ? NEVER : s
    this.byClass[guardClass] = p
    return p
  }
}
