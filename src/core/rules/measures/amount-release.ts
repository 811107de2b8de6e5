import { z } from 'zod'
import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import { DAY_MS, parseDuration } from '../duration.ts'
import { duration } from '../schema-parts.ts'
import { defineMeasure } from './measure.ts'
import { packedTag, packedUnits, packEvent, textTag } from './packed-event.ts'
import { measureFilter, windowed } from './windowed.ts'

/**
 * `{ amount_release: { share, min_delay, max_pending } }`: pairs a payment leaving the entity with an earlier one
 * that reached it, by amount: the payment out is `share.from` to `share.to` of the one in (a fee kept back), at
 * least `min_delay` later and inside the rule's window, and its payee is not who paid in. The value is the
 * share of the newest such pair (0 when there is none); its two transfers are the evidence, `{held}` the days
 * between them. Payments in are the pending amounts: the window keeps them for its span, and only the newest
 * `max_pending` are compared, so a busy account costs a bounded scan. Its own `where` picks the payments in.
 */
export const amountRelease = defineMeasure({
  key: 'amount_release',
  schema: z
    .object({
      amount_release: z
        .object({
          share: z
            .object({ from: z.number().gt(0).max(1), to: z.number().gt(0).max(1) })
            .strict()
            .refine((s) => s.from <= s.to, 'expected from <= to'),
          min_delay: duration.default('0m'),
          max_pending: z.number().int().min(1).max(500).default(50),
          ...windowed,
        })
        .strict(),
    })
    .strict(),
  placeholders: ['held', 'paid_in'],
  compile(spec, ctx) {
    const s = spec.amount_release
    const paidIn = measureFilter(s, { ...ctx, at: [...ctx.at, 'amount_release'] })
    const minDelayMs = parseDuration(s.min_delay)!
    const { from, to } = s.share
    const maxPending = s.max_pending
    return {
      unit: 'ratio',
      window: {
        aggregate: 'max',
        extract: (v) => (v.direction === 'in' && paidIn(v) ? packEvent(v.ctx.amountMinor, textTag(v.counterparty.id)) : undefined),
      },
      // a scan of at most max_pending events per evaluation
      cost: { add: 0.5, evaluation: 1 + maxPending / 50 },
      evaluate: (ev, self) => {
        const window = ev.window
        if (ev.view.direction !== 'out' || !window) return 0
        const ctx = ev.ctx
        const out = ctx.amountMinor / MINOR_PER_MAJOR
        const payee = textTag(ctx.record.receiver.id)
        const latest = ctx.ts - minDelayMs
        let seen = 0
        let share = 0
        window.eachValue(self.slot, ctx.ts, (ts, packed, id) => {
          if (id === ctx.record.id) return true
          if (++seen > maxPending) return false
          if (ts > latest || packedTag(packed) === payee) return true
          const units = packedUnits(packed)
          const r = units > 0 ? out / units : 0
          if (r < from || r > to) return true
          share = r
          ev.transfers = [id, ctx.record.id]
          ev.extra = { held: ((ctx.ts - ts) / DAY_MS).toFixed(1), paid_in: String(units) }
          return false
        })
        return share
      },
    }
  },
})
