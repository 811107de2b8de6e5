import { CHANNELS, PARTY_TYPES, type Party, type TransferRecord } from '../record/schema.ts'
import type { Direction, TransferView } from '../screen/view.ts'
import type { Condition, Conditions } from './condition-schema.ts'
import type { ConditionScope, Predicate } from './conditions.ts'
import { compileOperator, isOperators, type OperatorName, type Operators } from './operators.ts'

/**
 * A rule's guard: which classes of transfer its conditions can admit at all, by the few fields whose values are
 * enumerable (direction, channel, and the types of the two parties). Most rules of a pack leave most transfers
 * out by those fields (cash rules, crypto rules, private senders only...), and a class test is one array read
 * where the conditions are a tree of closures: the screener skips a rule for a class its guard rules out.
 *
 * The guard is conservative: a condition on any other field, or an operator that reads another field, counts as
 * "may be true", so a transfer the guard admits still goes through the rule's own conditions; one it rules out
 * would have failed them.
 */

/** the fields a guard tabulates, each a function of the class */
const GUARDED_FIELDS: ReadonlySet<string> = new Set(['direction', 'channel', 'party.type', 'counterparty.type', 'sender.type', 'receiver.type'])
/** operators comparing a field with constants only (not with another field) */
const GUARDED_OPERATORS: ReadonlySet<string> = new Set<OperatorName>(['eq', 'ne', 'in', 'not_in'])

// a class: direction, channel (or none), the party's type and the counterparty's (or none)
const CHANNEL_VALUES: readonly (string | undefined)[] = [...CHANNELS, undefined]
const TYPE_VALUES: readonly (string | undefined)[] = [...PARTY_TYPES, undefined]
const CHANNEL_INDEX = new Map(CHANNELS.map((c, i) => [c as string, i]))
const TYPE_INDEX = new Map(PARTY_TYPES.map((t, i) => [t as string, i]))
const TYPES = TYPE_VALUES.length
const CLASSES = 2 * CHANNEL_VALUES.length * TYPES * TYPES

/** the classes of a transfer seen from the sender's side and from the receiver's, indices into a guard's table */
export function transferClasses(record: TransferRecord): { out: number; in: number } {
  const channel = record.channel
  const c = channel === undefined ? CHANNELS.length : (CHANNEL_INDEX.get(channel) ?? CHANNELS.length)
  const s = typeIndex(record.sender.type)
  const r = typeIndex(record.receiver.type)
  return { out: (c * TYPES + s) * TYPES + r, in: ((CHANNEL_VALUES.length + c) * TYPES + r) * TYPES + s }
}

function typeIndex(type: string | undefined): number {
  return type === undefined ? PARTY_TYPES.length : (TYPE_INDEX.get(type) ?? PARTY_TYPES.length)
}

/** a part of the guard: its test over a class's view, and whether it is exactly the condition (not a "may be") */
interface GuardPart {
  test: Predicate<TransferView>
  exact: boolean
}

const MAYBE: GuardPart = { test: () => true, exact: false }

/**
 * The classes `when` or `where` may admit, as a table by `transferClass` (1: may apply, 0: cannot);
 * undefined when no class is ruled out (nothing to skip).
 */
export function guardTable(conditions: readonly (Conditions | undefined)[], rulesScope: ConditionScope<TransferView>): Uint8Array | undefined {
  // the conditions compiled (and any problem reported) already: compiled again here, silently
  const scope: ConditionScope<TransferView> = { ...rulesScope, report: () => {} }
  const parts = conditions.map((c) => guardOf(c, scope))
  const table = new Uint8Array(CLASSES)
  let ruledOut = 0
  for (const d of ['out', 'in'] as const) {
    for (const channel of CHANNEL_VALUES) {
      for (const pt of TYPE_VALUES) {
        for (const ct of TYPE_VALUES) {
          const view = classView(d, channel, pt, ct)
          const may = parts.some((p) => p.test(view))
          table[view.guardClass] = may ? 1 : 0
          if (!may) ruledOut++
        }
      }
    }
  }
  return ruledOut > 0 ? table : undefined
}

/** a transfer of one class: the guarded fields set, nothing else */
function classView(direction: Direction, channel: string | undefined, partyType: string | undefined, counterpartyType: string | undefined): TransferView {
  const party = { id: '', type: partyType } as Party
  const counterparty = { id: '', type: counterpartyType } as Party
  const record = { channel, sender: direction === 'out' ? party : counterparty, receiver: direction === 'out' ? counterparty : party } as TransferRecord
  return { ctx: { record, ts: 0, amountMinor: 0 }, party, counterparty, direction, ultimate: undefined, guardClass: transferClasses(record)[direction] }
}

function guardOf(conds: Conditions | undefined, scope: ConditionScope<TransferView>): GuardPart {
  if (conds === undefined) return { test: () => true, exact: true }
  if (Array.isArray(conds)) return allOf(conds.map((c) => conditionGuard(c, scope)))
  return conditionGuard(conds, scope)
}

function conditionGuard(cond: Condition, scope: ConditionScope<TransferView>): GuardPart {
  if ('any' in cond && Array.isArray(cond.any)) {
    const parts = (cond.any as Condition[]).map((c) => conditionGuard(c, scope))
    return { test: (v) => parts.some((p) => p.test(v)), exact: parts.every((p) => p.exact) }
  }
  if ('all' in cond && Array.isArray(cond.all)) return allOf((cond.all as Condition[]).map((c) => conditionGuard(c, scope)))
  if ('not' in cond && typeof cond.not === 'object' && !Array.isArray(cond.not) && !isOperators(cond.not)) {
    const inner = conditionGuard(cond.not as Condition, scope)
    // "not (may be)" may be anything
    return inner.exact ? { test: (v) => !inner.test(v), exact: true } : MAYBE
  }
  const parts: GuardPart[] = []
  for (const [name, ops] of Object.entries(cond as Record<string, Operators>)) {
    const field = GUARDED_FIELDS.has(name) ? scope.resolve(name) : undefined
    for (const [op, value] of Object.entries(ops)) {
      // the rule's own operator on the class's field: exactly the condition's value for that class
      const test = field && GUARDED_OPERATORS.has(op) ? compileOperator(op as OperatorName, value, field, [], scope) : undefined
      parts.push(test ? { test, exact: true } : MAYBE)
    }
  }
  return allOf(parts)
}

function allOf(parts: GuardPart[]): GuardPart {
  return { test: (v) => parts.every((p) => p.test(v)), exact: parts.every((p) => p.exact) }
}
