import { z } from 'zod'
import { sharedPayees } from '../../state/shared-payees.ts'
import { GRAPH_EVIDENCE } from './fan.ts'
import { durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ shared_payees: { burst: 1d, tolerance: 0.02, min_shared: 2 } }`: the payers of one bipartite layer: this
 * transfer's sender, which paid several payees much the same sum within `burst`, and every other payer that paid
 * at least `min_shared` of those payees a sum of its own in one burst inside the window (1 when none did).
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
          max_visits: z.number().int().min(10).max(100_000).default(2_000),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const p = spec.shared_payees
    const burstMs = gapMs(p.burst)!
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
        if (!node) return 1
        const found = sharedPayees(node, {
          burstMs, windowStart: ctx.ts - graph.windowLength, ts: ctx.ts, amount: ctx.amountMinor,
          tolerance: p.tolerance, minShared: p.min_shared, maxVisits: p.max_visits, evidence: GRAPH_EVIDENCE,
        })
        if (found.parties > 1) ev.transfers = found.transfers
        return found.parties
      },
    }
  },
})
