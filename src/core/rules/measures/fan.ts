import { z } from 'zod'
import { fanCount } from '../../state/graph-walks.ts'
import { durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/** transfers a graph measure shows as evidence, at most */
export const GRAPH_EVIDENCE = 24

/**
 * `{ fan: { direction: in, tolerance: 0.1 } }`: distinct payers of the receiver (`in`) or payees of the sender
 * (`out`) inside the window, counting only those whose transfer is within `tolerance` of this one's amount when
 * it is set: many counterparties moving much the same sum is the mark of a planned fan-in or fan-out.
 * `new_within: 10d` counts only counterparties first seen in the last 10 days of the window, so a payroll or a
 * standing order that pays the same people month after month does not count. `within: 10d` counts only the
 * last 10 days of the window, so that a rule can set a burst against the party's longer habits.
 * `count: transfers` gives the transfers with those counterparties instead of their number: with `new_within: 24h`
 * in a 30-day window, the payments of the last day to payees not paid in the 29 days before (R29's outflows to new
 * counterparties), which a wage batch to the same crew every week does not have. For the entity's own
 * counterparties `new_counterparties` asks the same of its window, without the graph's node for every payee.
 */
export const fan = defineMeasure({
  key: 'fan',
  schema: z
    .object({
      fan: z
        .object({
          direction: z.enum(['in', 'out']),
          tolerance: z.number().min(0).max(1).optional(),
          /** count only transfers within this span of the window */
          within: durationText.optional(),
          /** count only counterparties first seen within this span (the rest of the window is the look-back) */
          new_within: durationText.optional(),
          /** what is counted: the counterparties (default) or every transfer with them */
          count: z.enum(['parties', 'transfers']).default('parties'),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const f = spec.fan
    const recent = gapMs(f.new_within)
    const span = gapMs(f.within)
    return {
      unit: 'count',
      graph: true,
      graphInbound: f.direction === 'in',
      graphMaxEdges: f.max_edges,
      cost: { add: 1, evaluation: 1 },
      evaluate: (ev) => {
        const ctx = ev.ctx
        const graph = ev.graph!
        const node = graph.get(f.direction === 'in' ? ctx.record.receiver.id : ctx.record.sender.id)
        if (node === undefined) return 0
        const newSince = recent === undefined ? Number.NEGATIVE_INFINITY : ctx.ts - recent
        const start = ctx.ts - Math.min(graph.windowLength, span ?? Number.POSITIVE_INFINITY)
        const found = fanCount(graph, node, f.direction, start, ctx.ts, ctx.amountMinor, f.tolerance, GRAPH_EVIDENCE, newSince)
        ev.transfers = found.transfers
        return f.count === 'transfers' ? found.sent : found.parties
      },
    }
  },
})
