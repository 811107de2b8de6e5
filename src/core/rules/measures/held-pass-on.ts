import { z } from 'zod'
import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import { DAY_MS } from '../duration.ts'
import { SURNAME_MASK, splitTag, surnameTag } from './amount-release.ts'
import { durationText, gapMs } from './graph-options.ts'
import { defineMeasure } from './measure.ts'
import { packedTag, packedUnits, packEvent, textTag } from './packed-event.ts'
import { measureFilter, windowed } from './windowed.ts'

/**
 * `{ held_pass_on: { within: 7d, min_payers, large_paid_in, new_payees, once_payers, not_relatives, max_events } }`: for a
 * payment out of the entity, the share that its run of payments out (those of the last `within`, ending with
 * this one, to payees that paid the entity nothing in the window) passed on of what it received before the run
 * began, from payers it paid nothing (0 when this payee paid it, or nothing was received): a layer of a stack,
 * which takes money in, holds it days or weeks and pays most of it on, one way. `min_payers`: the money in came
 * from at least that many payers, or (`large_paid_in` > 0) added up to at least that many base units;
 * `new_payees`: the run pays nobody the entity paid in the window before it (a landlord, a relative paid every
 * month); `once_payers`: only money from payers that paid the entity once in the window counts (a salary, a
 * flatmate's monthly share are income); `not_relatives`: money in from a payer sharing the holder's surname is family money and not counted
 * (the tags then keep 11 bits of the id and 11 of the surname). The window keeps payments in (positive) and out
 * (negative), each with its counterparty's tag; an evaluation reads the newest `max_events` of them. Its own
 * `where` picks the transfers kept. Evidence: the payments in, then the run; `{paid_in}` (whole base units),
 * `{payers}`, `{held}` (days from the last payment in counted to the run's first payment out).
 */
export const heldPassOn = defineMeasure({
  key: 'held_pass_on',
  schema: z
    .object({
      held_pass_on: z
        .object({
          within: durationText,
          min_payers: z.number().int().min(1).max(16).default(1),
          large_paid_in: z.number().min(0).default(0),
          new_payees: z.boolean().default(false),
          not_relatives: z.boolean().default(false),
          once_payers: z.boolean().default(false),
          max_events: z.number().int().min(2).max(1000).default(200),
          ...windowed,
        })
        .strict(),
    })
    .strict(),
  placeholders: ['paid_in', 'payers', 'held'],
  compile(spec, ctx) {
    const s = spec.held_pass_on
    const keep = measureFilter(s, { ...ctx, at: [...ctx.at, 'held_pass_on'] })
    const runMs = gapMs(s.within)!
    const tagOf = (id: string, name: string | undefined) => (s.not_relatives ? splitTag(id, name) : textTag(id))
    return {
      unit: 'ratio',
      window: {
        // 'max' folds nothing: the measure reads the events themselves
        aggregate: 'max',
        extract: (v) => {
          if (!keep(v)) return undefined
          const packed = packEvent(v.ctx.amountMinor, tagOf(v.counterparty.id, v.counterparty.name))
          if (packed === undefined) return undefined
          return v.direction === 'in' ? packed : -packed - 1
        },
      },
      cost: { add: 0.5, evaluation: 1 + s.max_events / 50 },
      scratch: () => new Events(),
      evaluate: (ev, self) => {
        const window = ev.window
        if (ev.view.direction !== 'out' || !window || !keep(ev.view)) return 0
        const ctx = ev.ctx
        const record = ctx.record
        const events = ev.scratch[self.index] as Events
        events.clear()
        window.eachValue(self.slot, ctx.ts, (ts, packed, id) => {
          if (id === record.id) return true
          if (events.length >= s.max_events) return false
          events.push(ts, packed, id)
          return true
        })
        const payee = tagOf(record.receiver.id, record.receiver.name)
        // each payer's payments in over the window
        const payers = new Map<number, number>()
        for (let i = 0; i < events.length; i++) if (!events.out[i]) payers.set(events.tag[i]!, (payers.get(events.tag[i]!) ?? 0) + 1)
        // money going back to whoever paid in is a loan repaid or change given, not passed on
        if (payers.has(payee)) return 0

        // the run: this payment and the other payments out of the last `within` to payees that never paid in
        let passed = Math.round(ctx.amountMinor / MINOR_PER_MAJOR)
        let first = ctx.ts
        const run: string[] = [record.id]
        const runPayees = new Set<number>([payee])
        for (let i = 0; i < events.length; i++) {
          if (!events.out[i] || events.ts[i]! < ctx.ts - runMs || payers.has(events.tag[i]!)) continue
          passed += events.units[i]!
          first = Math.min(first, events.ts[i]!)
          runPayees.add(events.tag[i]!)
          run.unshift(events.id[i]!)
        }
        const paidBefore = new Set<number>()
        for (let i = 0; i < events.length; i++) if (events.out[i] && events.ts[i]! < first) paidBefore.add(events.tag[i]!)
        if (s.new_payees) for (const p of runPayees) if (paidBefore.has(p)) return 0

        // what came in before the run, from payers the account never paid (not in return for something)
        const own = s.not_relatives ? surnameTag(record.sender.name) : -1
        let paidIn = 0
        let last = Number.NEGATIVE_INFINITY
        const from = new Set<number>()
        const credits: string[] = []
        for (let i = 0; i < events.length; i++) {
          const tag = events.tag[i]!
          if (events.out[i] || events.ts[i]! >= first || paidBefore.has(tag)) continue
          if (own >= 0 && (tag & SURNAME_MASK) === own) continue
          // a payer paying again and again (an employer, a flatmate's share) is the account's income, not a layer's
          if (s.once_payers && payers.get(tag)! > 1) continue
          paidIn += events.units[i]!
          last = Math.max(last, events.ts[i]!)
          from.add(tag)
          credits.unshift(events.id[i]!)
        }
        if (paidIn <= 0) return 0
        if (from.size < s.min_payers && !(s.large_paid_in > 0 && paidIn >= s.large_paid_in)) return 0
        ev.transfers = [...credits, ...run]
        ev.extra = { paid_in: String(paidIn), payers: String(from.size), held: ((first - last) / DAY_MS).toFixed(1) }
        return passed / paidIn
      },
    }
  },
})

/** the window's events of one evaluation, newest first, in arrays reused from one evaluation to the next */
class Events {
  length = 0
  readonly ts: number[] = []
  readonly units: number[] = []
  readonly tag: number[] = []
  readonly out: boolean[] = []
  readonly id: string[] = []

  clear(): void {
    this.length = 0
  }

  push(ts: number, packed: number, id: string): void {
    const out = packed < 0
    const value = out ? -packed - 1 : packed
    const i = this.length++
    this.ts[i] = ts
    this.units[i] = packedUnits(value)
    this.tag[i] = packedTag(value)
    this.out[i] = out
    this.id[i] = id
  }
}
