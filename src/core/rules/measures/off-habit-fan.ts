import { z } from 'zod'
import { offHabitFan } from '../../state/off-habit-fan.ts'
import { GRAPH_EVIDENCE } from './fan.ts'
import { durationText, gapMs, maxEdges } from './graph-options.ts'
import { defineMeasure } from './measure.ts'

/**
 * `{ off_habit_fan: { direction: in, tolerance: 0.4, within: 7d, same: 0.05 } }`: the counterparties of a fan
 * (payers of the receiver for `in`, payees of the sender for `out`) paid in the last `within` of the window
 * within `tolerance` of this amount, counting only transfers whose payer moved no sum within `same` of it earlier
 * in the window (before `within`): a fan of sums that are not its payers' habit. `known_only: true` counts only
 * payers seen paying in that look-back, so a payer with no history does not pass for one that broke its habit.
 * `habit: all` (for `in`) reads a payer's habit from all its other payments in the window up to now, the burst
 * included; `self: true` counts the fan only when this transfer is itself one of it (so the party's own usual
 * payments beside a fan are not flagged). `party: sender` with `in` reads the payers of this transfer's sender (the
 * gather before a payment out).
 */
export const offHabitFanMeasure = defineMeasure({
  key: 'off_habit_fan',
  schema: z
    .object({
      off_habit_fan: z
        .object({
          direction: z.enum(['in', 'out']),
          tolerance: z.number().min(0).max(1),
          /** the burst; the rest of the window is the look-back where habits are read */
          within: durationText,
          /** how near an earlier sum must be to make a transfer habitual */
          same: z.number().min(0).max(1).default(0.05),
          known_only: z.boolean().default(false),
          habit: z.enum(['lookback', 'all']).default('lookback'),
          self: z.boolean().default(false),
          /** whose fan: by default the receiver's payers (`in`) or the sender's payees (`out`) */
          party: z.enum(['sender', 'receiver']).optional(),
          max_edges: maxEdges,
        })
        .strict()
        .refine((f) => f.habit === 'lookback' || f.direction === 'in', {
          message: "habit: all reads the payers' other payments, so it needs direction: in",
        }),
    })
    .strict(),
  compile(spec) {
    const f = spec.off_habit_fan
    const span = gapMs(f.within)!
    return {
      unit: 'count',
      graph: true,
      graphInbound: f.direction === 'in',
      graphMaxEdges: f.max_edges,
      cost: { add: 1, evaluation: 2 },
      evaluate: (ev) => {
        const ctx = ev.ctx
        const graph = ev.graph!
        const party = f.party ?? (f.direction === 'in' ? 'receiver' : 'sender')
        const node = graph.get(party === 'receiver' ? ctx.record.receiver.id : ctx.record.sender.id)
        if (node === undefined) return 0
        const windowStart = ctx.ts - graph.windowLength
        const found = offHabitFan(graph, node, {
          direction: f.direction,
          windowStart,
          burstStart: Math.max(windowStart, ctx.ts - span),
          ts: ctx.ts,
          amount: ctx.amountMinor,
          tolerance: f.tolerance,
          same: f.same,
          knownOnly: f.known_only,
          habit: f.habit,
          ...(f.self && { selfId: ctx.record.id }),
          evidence: GRAPH_EVIDENCE,
        })
        ev.transfers = found.transfers
        return found.parties
      },
    }
  },
})
