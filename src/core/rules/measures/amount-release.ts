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
 * `parts_within` of each other may together be the sum released (with `same_payer_parts_within`, two by one payer
 * within that of each other too: a fee paid at the counter in two cash sums). With `skip_named_payee`, a payment out whose
 * reference names its payee is the beneficiary a customer named being paid, not a release to a third party. With
 * `payee_not_relative`, a payment in whose payer shares the payee's surname is a family's money passed on, and two
 * parts are so only when both payers share it (the tag
 * then keeps 11 bits of the payer's id and 11 of its surname). With `release_once`, the window also keeps the
 * payments out to persons, and each, oldest first, settles a payment in it fits (`share.from` up to the whole sum: a
 * relative's of its payee first, else the one it pays most nearly whole) paid in at most `min_delay` before it: a licensed remitter paying the beneficiary its customer named the next day has released that
 * deposit, and a later payout cannot release it again. Payments in are the pending amounts: the window keeps them for its span, and only the newest
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
          /** two parts may also come from one payer when paid this close together (a counter's cash limit); 0: never */
          same_payer_parts_within: duration.default('0m'),
          /** a payment out whose reference names its payee (the payee's surname is one of its words) pays a named beneficiary: no release */
          skip_named_payee: z.boolean().default(false),
          /** a payment in whose payer shares the payee's surname (last name word) is a relative's money passed on: no release to a third party */
          payee_not_relative: z.boolean().default(false),
          /** a payment in is released once: an earlier payment out to a person of its share or up to the whole sum paid it already */
          release_once: z.boolean().default(false),
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
    // 0: one payer's two sums are never one fee (not even at the same instant)
    const samePayerMs = parseDuration(s.same_payer_parts_within)! || -1
    const skipNamed = s.skip_named_payee
    const notRelative = s.payee_not_relative
    const once = s.release_once
    // the payer's tag: its id, or 11 bits of its id and 11 of its surname
    const payerTag = (id: string, name: string | undefined) => (notRelative ? splitTag(id, name) : textTag(id))
    return {
      unit: 'ratio',
      window: {
        aggregate: 'max',
        extract: (v) => {
          if (v.direction === 'in') return paidIn(v) ? packEvent(v.ctx.amountMinor, payerTag(v.counterparty.id, v.counterparty.name)) : undefined
          // a payment out to a person, kept as a negative value (its units, and with payee_not_relative its payee's
          // surname tag + 1) to settle payments in
          if (!once || v.counterparty.type === 'business' || v.counterparty.type === 'msb') return undefined
          const packed = packEvent(v.ctx.amountMinor, notRelative ? surnameTag(v.counterparty.name) + 1 : 0)
          return packed === undefined ? undefined : -packed - 1
        },
      },
      // a scan of at most max_pending events per evaluation
      cost: { add: 0.5, evaluation: 1 + maxPending / 50 },
      evaluate: (ev, self) => {
        const window = ev.window
        if (ev.view.direction !== 'out' || !window) return 0
        const ctx = ev.ctx
        if (skipNamed && namesPayee(ctx)) return 0
        const out = ctx.amountMinor / MINOR_PER_MAJOR
        const payeeName = ctx.record.receiver.name
        const payee = payerTag(ctx.record.receiver.id, payeeName)
        const payeeSurname = notRelative ? surnameTag(payeeName) : -1
        const latest = ctx.ts - minDelayMs
        // the newest pending payments in, up to max_pending, that this payment could release
        const times: number[] = []
        const units: number[] = []
        const payers: number[] = []
        const ids: string[] = []
        // with payee_not_relative: the payer shares the payee's surname
        const relatives: boolean[] = []
        // with release_once: every payment in and out scanned, newest first, to settle the ins the outs paid
        const scanned: Scanned[] = []
        let seen = 0
        let outs = 0
        window.eachValue(self.slot, ctx.ts, (ts, packed, id) => {
          if (id === ctx.record.id) return true
          if (packed < 0) {
            // the scan ends at the oldest pending payment in compared, not at a number of payouts (a busy shop
            // pays out more than max_pending between a fee and its release); at most 4 x max_pending are kept
            if (++outs <= 4 * maxPending) scanned.push({ ts, units: packedUnits(-packed - 1), out: true, i: -1, surname: packedTag(-packed - 1) - 1 })
            return true
          }
          if (++seen > maxPending) return false
          const tag = packedTag(packed)
          if (once) scanned.push({ ts, units: packedUnits(packed), out: false, i: ts > latest || isSelf(tag, payee) ? -1 : times.length, surname: notRelative ? tag & SURNAME_MASK : -1 })
          if (ts > latest || isSelf(tag, payee)) return true
          relatives.push(notRelative && (tag & SURNAME_MASK) === payeeSurname)
          times.push(ts)
          units.push(packedUnits(packed))
          payers.push(notRelative ? tag >> SURNAME_BITS : tag)
          ids.push(id)
          return true
        })
        if (once) settle(scanned, from, units, minDelayMs)
        const fits = (paid: number) => paid > 0 && out / paid >= from && out / paid <= to
        for (let i = 0; i < times.length; i++) {
          if (!relatives[i] && fits(units[i]!)) return found(ev, out / units[i]!, [ids[i]!], times[i]!, units[i]!)
        }
        // a fee paid in two parts by two payers close together
        for (let i = 0; maxParts > 1 && i < times.length; i++) {
          for (let j = i + 1; j < times.length; j++) {
            if (times[i]! - times[j]! > partsWithinMs) break
            // two parts go to a third party unless the payee is family of both payers
            // one payer's two parts are one fee only when paid close together (a counter's cash limit)
            if ((payers[i] === payers[j] && times[i]! - times[j]! > samePayerMs) || (relatives[i] && relatives[j]) || units[i] === 0 || units[j] === 0 || !fits(units[i]! + units[j]!)) continue
            return found(ev, out / (units[i]! + units[j]!), [ids[j]!, ids[i]!], times[i]!, units[i]! + units[j]!)
          }
        }
        return 0
      },
    }
  },
})

export const SURNAME_BITS = 11
export const SURNAME_MASK = (1 << SURNAME_BITS) - 1

/** the surname's 11-bit tag (its last name word), -1 without a name */
export function surnameTag(name: string | undefined): number {
  const surname = name ? lastWord(name) : undefined
  return surname === undefined || surname.length < 2 ? -1 : textTag(surname) & SURNAME_MASK
}

/** 11 bits of the id above 11 bits of the surname (a payer without a surname gets its id's low bits) */
export function splitTag(id: string, name: string | undefined): number {
  const idTag = textTag(id) & SURNAME_MASK
  const surname = surnameTag(name)
  return (idTag << SURNAME_BITS) | (surname < 0 ? (textTag(id) >> SURNAME_BITS) & SURNAME_MASK : surname)
}

/** the payment out goes to the payer itself (the same id, or with split tags, the same id bits) */
function isSelf(tag: number, payee: number): boolean {
  return tag === payee
}

/** a payment in or out of the scan; `surname`: the payer's (in) or payee's (out) surname tag, -1 when not known */
interface Scanned {
  ts: number
  units: number
  out: boolean
  i: number
  surname: number
}

/**
 * Oldest first, each payment out settles one payment in paid at most `min_delay` before it that it fits (share.from
 * to the whole sum, a fee kept back or none): a licensed remitter paying the beneficiary its customer named within a
 * day or two, in full or less its fee. Which one: the payment of a payer who shares the payee's surname (a relative
 * named as beneficiary, 9122's I000110: a Koch's 3,029.90 paid to a Koch as 2,999.60, which is 0.992 of a fee part
 * of 3,025 paid the day before), else the one it pays most nearly whole (9132's I000446: 5,661.81 paid out is 0.99
 * of a deposit of 5,719 and 0.934 of a fee part of 6,060 paid in after it); the newest of equals. Not simply the
 * newest it fits: in a busy shop a fee part fits another customer's payout by chance. A settled payment in is no
 * longer pending: its units are set to 0.
 */
function settle(scanned: Scanned[], from: number, units: number[], withinMs: number): void {
  const pending: Scanned[] = []
  for (let k = scanned.length - 1; k >= 0; k--) {
    const e = scanned[k]!
    if (!e.out) {
      pending.push(e)
      continue
    }
    let best = -1
    let bestRank = 0
    for (let j = pending.length - 1; j >= 0; j--) {
      const p = pending[j]!
      if (p.ts >= e.ts || p.units <= 0) continue
      // paid out before it could be held: the remitter's own payout of it (later ones are what a release is)
      if (e.ts - p.ts > withinMs) break
      const share = e.units / p.units
      if (share < from || share > 1) continue
      // a relative's deposit ranks above any share (shares are at most 1)
      const rank = share + (e.surname >= 0 && p.surname === e.surname ? 1 : 0)
      if (rank > bestRank) {
        best = j
        bestRank = rank
      }
    }
    if (best >= 0) {
      const p = pending[best]!
      if (p.i >= 0) units[p.i] = 0
      pending.splice(best, 1)
    }
  }
}

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
