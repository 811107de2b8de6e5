import { z } from 'zod'
import { sharedPayees } from '../../state/shared-payees.ts'
import { GRAPH_EVIDENCE } from './fan.ts'
import { durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ shared_payees: { burst: 1d, tolerance: 0.02, min_shared: 2 } }`: the payers of one bipartite layer: this
 * transfer's sender, which paid several payees much the same sum within `burst`, and every other payer that paid
 * at least `min_shared` of those payees a sum of its own in one burst inside the window (1 when none did).
 * `within: 21d` keeps the layer to the last 21 days of the window; with `new_payees: true` the sender's burst
 * counts only payees it did not pay in the rest of the window before them (parents paying their children again).
 */
export const sharedPayeesMeasure = defineMeasure({
  key: 'shared_payees',
  schema: z
    .object({
      shared_payees: z
        .object({
          burst: durationText,
          tolerance: z.number().min(0).max(1).default(0.02),
          min_shared: z.number().int().min(2).max(50).default(2),
          /** the layer's period: the last `within` of the window (the rest is the look-back of `new_payees`) */
          within: durationText.optional(),
          new_payees: z.boolean().default(false),
          max_visits: z.number().int().min(10).max(100_000).default(2_000),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const p = spec.shared_payees
    const burstMs = gapMs(p.burst)!
    const period = gapMs(p.within)
    return {
      unit: 'count',
      graph: true,
      graphInbound: true,
      graphMaxEdges: p.max_edges,
      cost: { add: 1, evaluation: 2 },
      evaluate: (ev) => {
        const ctx = ev.ctx
        const graph = ev.graph!
        const node = graph.get(ctx.record.sender.id)
        if (node === undefined) return 1
        const windowStart = ctx.ts - graph.windowLength
        const found = sharedPayees(graph, node, {
          burstMs, windowStart, ts: ctx.ts, amount: ctx.amountMinor, newPayees: p.new_payees,
          periodStart: Math.max(windowStart, ctx.ts - (period ?? graph.windowLength)),
          tolerance: p.tolerance, minShared: p.min_shared, maxVisits: p.max_visits, evidence: GRAPH_EVIDENCE,
        })
        if (found.parties > 1) ev.transfers = found.transfers
        return found.parties
      },
    }
  },
})
