import { z } from 'zod'
import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import { DAY_MS, parseDuration } from '../duration.ts'
import { duration } from '../schema-parts.ts'
import type { TransferContext } from '../../screen/view.ts'
import { contextWords, lastWord } from '../keywords.ts'
import type { MeasureEvaluation } from './evaluation.ts'
import { defineMeasure } from './measure.ts'
import { packedTag, packedUnits, packEvent, textTag } from './packed-event.ts'
import { measureFilter, windowed } from './windowed.ts'

/**
 * `{ amount_release: { share, min_delay, max_pending, max_parts, parts_within } }`: pairs a payment leaving the entity with an earlier one
 * that reached it, by amount: the payment out is `share.from` to `share.to` of the one in (a fee kept back), at
 * least `min_delay` later and inside the rule's window, and its payee is not who paid in. The value is the
 * share of the newest such pair (0 when there is none); its two transfers are the evidence, `{held}` the days
 * between the (last) payment in and this one. With `max_parts: 2`, two payments in by different payers within
 * `parts_within` of each other may together be the sum released. With `skip_named_payee`, a payment out whose
 * reference names its payee is the beneficiary a customer named being paid, not a release to a third party. Payments in are the pending amounts: the window keeps them for its span, and only the newest
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
          /** a fee paid in up to this many parts, by different payers within `parts_within` of each other */
          max_parts: z.number().int().min(1).max(2).default(1),
          parts_within: duration.default('7d'),
          /** a payment out whose reference names its payee (the payee's surname is one of its words) pays a named beneficiary: no release */
          skip_named_payee: z.boolean().default(false),
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
    const maxParts = s.max_parts
    const partsWithinMs = parseDuration(s.parts_within)!
    const skipNamed = s.skip_named_payee
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
        if (skipNamed && namesPayee(ctx)) return 0
        const out = ctx.amountMinor / MINOR_PER_MAJOR
        const payee = textTag(ctx.record.receiver.id)
        const latest = ctx.ts - minDelayMs
        // the newest pending payments in, up to max_pending, that this payment could release
        const times: number[] = []
        const units: number[] = []
        const payers: number[] = []
        const ids: string[] = []
        let seen = 0
        window.eachValue(self.slot, ctx.ts, (ts, packed, id) => {
          if (id === ctx.record.id) return true
          if (++seen > maxPending) return false
          if (ts > latest || packedTag(packed) === payee) return true
          times.push(ts)
          units.push(packedUnits(packed))
          payers.push(packedTag(packed))
          ids.push(id)
          return true
        })
        const fits = (paid: number) => paid > 0 && out / paid >= from && out / paid <= to
        for (let i = 0; i < times.length; i++) {
          if (fits(units[i]!)) return found(ev, out / units[i]!, [ids[i]!], times[i]!, units[i]!)
        }
        // a fee paid in two parts by two payers close together
        for (let i = 0; maxParts > 1 && i < times.length; i++) {
          for (let j = i + 1; j < times.length; j++) {
            if (times[i]! - times[j]! > partsWithinMs) break
            if (payers[i] === payers[j] || !fits(units[i]! + units[j]!)) continue
            return found(ev, out / (units[i]! + units[j]!), [ids[j]!, ids[i]!], times[i]!, units[i]! + units[j]!)
          }
        }
        return 0
      },
    }
  },
})

/** records the pair (or triple) as evidence and gives the share released */
function found(ev: MeasureEvaluation, share: number, paidIn: string[], ts: number, units: number): number {
  ev.transfers = [...paidIn, ev.ctx.record.id]
  ev.extra = { held: ((ev.ctx.ts - ts) / DAY_MS).toFixed(1), paid_in: String(units) }
  return share
}

/** the payee's surname (last word of its name) is among the words of the reference and purpose */
function namesPayee(ctx: TransferContext): boolean {
  const name = ctx.record.receiver.name
  const surname = name ? lastWord(name) : undefined
  return surname !== undefined && surname.length > 1 && contextWords(ctx).includes(surname)
}
