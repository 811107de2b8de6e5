import { z } from 'zod'
import { splitPassOn } from '../../state/split-pass-on.ts'
import { GRAPH_EVIDENCE } from './fan.ts'
import { durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ split_pass_on: { within: 21d, min_kept: 0.85, max_kept: 1 } }`: the equal parts (within `tolerance` of this
 * amount) the sender paid to distinct payees in the last `within` of the window, when the parts add up to between
 * `min_kept` and `max_kept` of some of the transfers it received there before the first part, and it paid no sum
 * within `same` of the part earlier in the window (0 otherwise): what it gathered, passed on in equal parts.
 * `known_only`: only an account that paid anyone earlier in the window; `new_payees`: parts to payees it did not
 * pay earlier in the window. `inflows: all`: the parts add up to that share of all those transfers in, not some;
 * `payers_off_habit`: only transfers in whose payer paid no other sum within `same` of it in the window (a sum its
 * payer does not otherwise pay); `min_payers`: from at least that many payers; `closed`: nothing received after the
 * first part (the gather was over when the split began).
 */
export const splitPassOnMeasure = defineMeasure({
  key: 'split_pass_on',
  schema: z
    .object({
      split_pass_on: z
        .object({
          within: durationText,
          tolerance: z.number().min(0).max(1).default(0.01),
          same: z.number().min(0).max(1).default(0.05),
          min_kept: z.number().min(0.1).max(1).default(0.85),
          max_kept: z.number().min(0.1).max(1.5).default(1),
          known_only: z.boolean().default(false),
          new_payees: z.boolean().default(false),
          max_inflows: z.number().int().min(1).max(16).default(12),
          inflows: z.enum(['some', 'all']).default('some'),
          payers_off_habit: z.boolean().default(false),
          min_payers: z.number().int().min(1).max(16).default(1),
          closed: z.boolean().default(false),
          max_edges: maxEdges,
        })
        .strict(),
    })
    .strict(),
  compile(spec) {
    const p = spec.split_pass_on
    const span = gapMs(p.within)!
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
        if (node === undefined) return 0
        const windowStart = ctx.ts - graph.windowLength
        const found = splitPassOn(graph, node, {
          windowStart, periodStart: Math.max(windowStart, ctx.ts - span), ts: ctx.ts, amount: ctx.amountMinor,
          tolerance: p.tolerance, same: p.same, minKept: p.min_kept, maxKept: p.max_kept, maxInflows: p.max_inflows,
          knownOnly: p.known_only, newPayees: p.new_payees, inflows: p.inflows, payersOffHabit: p.payers_off_habit,
          minPayers: p.min_payers, closed: p.closed,
          evidence: GRAPH_EVIDENCE,
        })
        if (found.parties > 0) ev.transfers = found.transfers
        return found.parties
      },
    }
  },
})
