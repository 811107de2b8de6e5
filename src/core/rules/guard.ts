import type { TransferView } from '../screen/view.ts'
import { decided, type ConditionTree } from './class-conditions.ts'
import { CLASS_COUNT, classView } from './transfer-class.ts'

export { transferClasses } from './transfer-class.ts'

/**
 * A rule's guard: which classes of transfer (transfer-class.ts) its conditions can admit at all. Most rules of a
 * pack leave most transfers out by the class's fields (cash rules, crypto rules, private senders only...), and a
 * class test is one array read: the screener skips a rule for a class its guard rules out.
 *
 * The guard is conservative: a condition on any other field, or an operator that reads another field, counts as
 * "may be true", so a transfer the guard admits still goes through the rule's own conditions; one it rules out
 * would have failed them.
 */

/**
 * The classes `when` or `where` may admit, as a table by class (1: may apply, 0: cannot); undefined when no
 * class is ruled out (nothing to skip).
 */
export function guardTable(trees: readonly ConditionTree[]): Uint8Array | undefined {
  const table = new Uint8Array(CLASS_COUNT)
  let ruledOut = 0
  for (let c = 0; c < CLASS_COUNT; c++) {
    const view: TransferView = classView(c)
    const may = trees.some((t) => decided(t, view) !== false)
    table[c] = may ? 1 : 0
    if (!may) ruledOut++
  }
  return ruledOut > 0 ? table : undefined
}
