import { z } from 'zod'
import type { CycleSearch } from '../../state/graph.ts'
import { RULE_LIMITS } from '../limits.ts'
import { conservation, durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ cycle: { max_hops } }`: the hops of a chain of transfers inside the window that leads from the receiver
 * back to the sender (0 when none is found within the visit budget); its transfers are the evidence.
 * `max_loss`/`max_gain` ask for value conserved hop by hop (instead of the looser `min_kept` share);
 * `ordered: false` accepts hops in any order inside the window; `max_gap` bounds the pause between hops.
 * `running_sum: true` reads the conservation between hops consecutive in time, wherever they stand on the ring
 * (AMLSim pays one running sum, less the margin, hop after hop in the order its steps come), every hop within
 * `max_spread` times the closing one; hops within `slack` of each other may come in either order.
 */
export const cycle = defineMeasure({
  key: 'cycle',
  schema: z
    .object({
      cycle: z
        .object({
          max_hops: z.number().int().min(2).max(12),
          max_visits: z.number().int().min(10).max(RULE_LIMITS.maxCycleVisits).default(5_000),
          min_kept: z.number().min(0).max(1).default(0),
          ...conservation,
          ordered: z.boolean().default(true),
          /** conservation between hops consecutive in time rather than on the ring (with ordered: false) */
          running_sum: z.boolean().default(false),
          max_spread: z.number().min(1).max(10).default(2),
          /** hops this close in time may come in either order for running_sum */
          slack: durationText.default('1d'),
          max_gap: durationText.optional(),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const c = spec.cycle
    const search: CycleSearch = {
      maxHops: c.max_hops, minHops: 2, maxVisits: c.max_visits, minKept: c.min_kept,
      maxLoss: c.max_loss, maxGain: c.max_gain, ordered: c.ordered, maxGapMs: gapMs(c.max_gap),
      timeOrderedAmounts: c.running_sum, maxSpread: c.max_spread, slackMs: gapMs(c.slack),
    }
    return {
      unit: 'hops',
      graph: true,
      graphMaxEdges: c.max_edges,
      // a bounded search per evaluation, and an edge per window event
      cost: { add: 1, evaluation: 2 },
      evaluate: (ev) => {
        const ctx = ev.ctx
        const found = ev.graph!.findCycle(ctx.record.sender.id, ctx.record.receiver.id, ctx.ts, ctx.amountMinor, search)
        if (!found) return 0
        ev.transfers = [...found.transfers, ctx.record.id]
        return found.hops
      },
    }
  },
})
