import { z } from 'zod'
import { fanCount } from '../../state/graph-walks.ts'
import { maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/** transfers a graph measure shows as evidence, at most */
export const GRAPH_EVIDENCE = 24

/**
 * `{ fan: { direction: in, tolerance: 0.1 } }`: distinct payers of the receiver (`in`) or payees of the sender
 * (`out`) inside the window, counting only those whose transfer is within `tolerance` of this one's amount when
 * it is set: many counterparties moving much the same sum is the mark of a planned fan-in or fan-out.
 */
export const fan = defineMeasure({
  key: 'fan',
  schema: z
    .object({
      fan: z
        .object({
          direction: z.enum(['in', 'out']),
          tolerance: z.number().min(0).max(1).optional(),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const f = spec.fan
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
        if (!node) return 0
        const found = fanCount(node, f.direction, ctx.ts - graph.windowLength, ctx.ts, ctx.amountMinor, f.tolerance, GRAPH_EVIDENCE)
        ev.transfers = found.transfers
        return found.parties
      },
    }
  },
})
