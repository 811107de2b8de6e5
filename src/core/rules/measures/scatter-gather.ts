import { z } from 'zod'
import { scatterGather, type ScatterGatherSearch } from '../../state/graph-walks.ts'
import { GRAPH_EVIDENCE } from './fan.ts'
import { conservation, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ scatter_gather: { max_loss: 0.1 } }`: the most intermediates that one origin paid inside the window and
 * that each paid this transfer's receiver on, the amount conserved (`ordered`: after they were paid). 0 when the
 * receiver's payers share no origin.
 */
export const scatterGatherMeasure = defineMeasure({
  key: 'scatter_gather',
  schema: z
    .object({
      scatter_gather: z
        .object({
          max_visits: z.number().int().min(10).max(100_000).default(2_000),
          max_loss: conservation.max_loss.default(0.1),
          max_gain: conservation.max_gain.default(0),
          ordered: z.boolean().default(true),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const s = spec.scatter_gather
    const search: ScatterGatherSearch = { maxVisits: s.max_visits, maxLoss: s.max_loss, maxGain: s.max_gain, ordered: s.ordered }
    return {
      unit: 'count',
      graph: true,
      graphInbound: true,
      graphMaxEdges: s.max_edges,
      cost: { add: 1, evaluation: 2 },
      evaluate: (ev) => {
        const ctx = ev.ctx
        const graph = ev.graph!
        const node = graph.get(ctx.record.receiver.id)
        if (node === undefined) return 0
        const found = scatterGather(graph, node, ctx.ts - graph.windowLength, ctx.ts, search, GRAPH_EVIDENCE)
        if (found.parties > 0) ev.transfers = found.transfers
        return found.parties
      },
    }
  },
})
