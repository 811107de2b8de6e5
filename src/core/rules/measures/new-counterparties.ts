import { z } from 'zod'
import { NewCounterpartyScan } from '../../state/new-counterparties.ts'
import { GRAPH_EVIDENCE } from './fan.ts'
import { durationText, gapMs } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ new_counterparties: { within: 24h, count: parties } }`: the entity's counterparties (the payees of a sender,
 * the payers of a receiver) it dealt with in the last `within` of the window and not in the rest of the window
 * before it (the look-back): new ones, which a payroll or a standing order paying the same people every week is
 * not. `count: transfers` gives the transfers with them instead of their number (R29's outflows to new
 * counterparties). Evidence: the first transfer with each, oldest first.
 *
 * Its state is one number per window event, the counterparty's (textNumber), in the rule's entity window: no
 * transfer graph, whose nodes for every payee of a large population cost far more.
 */
export const newCounterparties = defineMeasure({
  key: 'new_counterparties',
  schema: z
    .object({
      new_counterparties: z
        .object({
          /** the span whose counterparties are looked at; the rest of the window is the look-back */
          within: durationText,
          /** what is counted: the counterparties (default) or every transfer with them */
          count: z.enum(['parties', 'transfers']).default('parties'),
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const s = spec.new_counterparties
    const span = gapMs(s.within)!
    const transfers = s.count === 'transfers'
    return {
      unit: 'count',
      // 'max' folds nothing: the measure reads the events themselves
      window: { aggregate: 'max', extract: (v) => v.counterparty.id },
      cost: { add: 0.5, evaluation: 1 },
      scratch: () => new NewCounterpartyScan(),
      evaluate: (ev, self) => {
        const window = ev.window
        if (!window) return 0
        const scan = ev.scratch[self.index] as NewCounterpartyScan
        const found = scan.run(window, self.slot, ev.ctx.ts, ev.ctx.ts - span, GRAPH_EVIDENCE)
        ev.transfers = found.transfers
        return transfers ? found.sent : found.parties
      },
    }
  },
})
