import { z } from 'zod'
import { longestChain, type ChainSearch } from '../../state/graph-walks.ts'
import { conservation, durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ chain: { max_hops: 6, max_loss: 0.1, max_gap: 3d } }`: the hops of the longest chain of transfers ending
 * with this one in which each party passed on what it had just received (within `max_gap`, the amount conserved
 * within `max_loss`/`max_gain`): the layers of a stack. 1 when nothing conserved led to this transfer.
 */
export const chain = defineMeasure({
  key: 'chain',
  schema: z
    .object({
      chain: z
        .object({
          max_hops: z.number().int().min(2).max(12),
          max_visits: z.number().int().min(10).max(100_000).default(2_000),
          max_loss: conservation.max_loss.default(0.1),
          max_gain: conservation.max_gain.default(0),
          max_gap: durationText,
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const c = spec.chain
    const search: ChainSearch = {
      maxHops: c.max_hops, maxVisits: c.max_visits, maxLoss: c.max_loss, maxGain: c.max_gain, maxGapMs: gapMs(c.max_gap)!,
    }
    return {
      unit: 'hops',
      graph: true,
      graphInbound: true,
      graphMaxEdges: c.max_edges,
      cost: { add: 1, evaluation: 2 },
      evaluate: (ev) => {
        const ctx = ev.ctx
        const graph = ev.graph!
        const node = graph.get(ctx.record.sender.id)
        if (node === undefined) return 1
        const found = longestChain(graph, node, ctx.ts - graph.windowLength, ctx.ts, ctx.amountMinor, search)
        if (found.hops > 1) ev.transfers = [...found.transfers, ctx.record.id]
        return found.hops
      },
    }
  },
})
