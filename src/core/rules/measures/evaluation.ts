import type { HitEvidence } from '../../screen/verdict.ts'
import type { TransferContext, TransferView } from '../../screen/view.ts'
import type { TransferGraph } from '../../state/graph.ts'
import type { WindowState } from '../../state/window.ts'
import type { Watchlists } from '../watchlist-port.ts'
import type { CompiledMeasure } from './measure.ts'

export type ListMatch = NonNullable<HitEvidence['matches']>[number]

/**
 * What a rule's measures read when they are evaluated, and where they leave evidence. Each rule runner
 * makes one and refills it for every evaluation, so evaluating allocates nothing of its own; the runner
 * writes every measure's value into `values` in order, so a measure reads those before it.
 */
export class MeasureEvaluation {
  /** the transfer, seen from the party whose state the rule keeps */
  view!: TransferView
  ctx!: TransferContext
  /** the entity's window, when it has one */
  window: WindowState | undefined = undefined
  /** the entity's previous transfer time for this rule; NaN when it was never seen */
  lastSeen = Number.NaN
  /** transfers to show as evidence instead of the window's recent ones */
  transfers: string[] | undefined = undefined
  matches: ListMatch[] | undefined = undefined
  /** texts of reason placeholders the measures declare, such as `{matched}` */
  extra: Record<string, string> | undefined = undefined
  /** the measure values of the transfer being evaluated, in the rule's order */
  readonly values: number[]
  /** per measure, its own state (see MeasurePlan.scratch) */
  readonly scratch: unknown[]

  constructor(
    measures: readonly CompiledMeasure[],
    /** the rule's transfer graph, when a measure needs it */
    readonly graph: TransferGraph | undefined,
    readonly watchlists: Watchlists | undefined,
  ) {
    this.values = measures.map(() => 0)
    this.scratch = measures.map((m) => m.scratch?.())
  }

  /** starts an evaluation: the transfer and the entity's state, and no evidence yet */
  start(view: TransferView, ctx: TransferContext, window: WindowState | undefined, lastSeen: number): void {
    this.view = view
    this.ctx = ctx
    this.window = window
    this.lastSeen = lastSeen
    this.transfers = undefined
    this.matches = undefined
    this.extra = undefined
  }
}
