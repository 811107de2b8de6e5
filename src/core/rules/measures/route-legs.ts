import { z } from 'zod'
import type { Party } from '../../record/schema.ts'
import { MINOR_PER_MAJOR } from '../../money/convert.ts'
import { resolveStructured } from '../list-ref.ts'
import { parseDuration } from '../duration.ts'
import { duration } from '../schema-parts.ts'
import { defineMeasure } from './measure.ts'
import { countryTag, packedTag, packedUnits, packEvent } from './packed-event.ts'
import { measureFilter, windowed } from './windowed.ts'

// payments of one payer looked at per evaluation, newest first
const MAX_SCANNED = 64
// with join_routes, candidate legs tried per evaluation
const MAX_STEPS = 256

/**
 * `{ route_legs: { routes: $list, min_gap, first_leg_larger } }`: the legs of a known route the entity has paid
 * for, ending with this payment: its payee's country is a country of a route after its origin (the first
 * country, where paying someone is a remittance home), and earlier payments (at least
 * `min_gap` apart, inside the window) went to the countries before it on that route, in order. With
 * `first_leg_larger`, the first leg counted is larger than each later one (the journey is paid in advance, then
 * in instalments). The value is the number of legs (1: this payment alone); the legs are the evidence and
 * `{route}` the countries. Its own `where` picks the payments that may be legs. A payee without a country field
 * is in the country its BIC-shaped bank code or IBAN-shaped account names; a leg is never to the payer's own
 * country. With `join_routes`, the legs may follow hops (consecutive countries after an origin) of different routes
 * that meet in a country: an analyst's list holds some paths of a corridor, travellers take others.
 */
export const routeLegs = defineMeasure({
  key: 'route_legs',
  schema: z
    .object({
      route_legs: z
        .object({
          routes: z.string().regex(/^\$[a-z0-9_]+$/, 'expected "$list_name", a list of routes in the ruleset'),
          min_gap: duration.default('1d'),
          first_leg_larger: z.boolean().default(true),
          /** legs may follow hops of different routes that meet in a country (TR > LY of one, LY > IT of another) */
          join_routes: z.boolean().default(false),
          ...windowed,
        })
        .strict(),
    })
    .strict(),
  placeholders: ['route'],
  compile(spec, ctx) {
    const s = spec.route_legs
    const at = [...ctx.at, 'route_legs']
    const routes = (resolveStructured(s.routes, 'routes', [...at, 'routes'], ctx.fields) ?? []).map((r) => r.route.map(countryTag))
    const leg = measureFilter(s, { ...ctx, at })
    const minGapMs = parseDuration(s.min_gap)!
    const firstLarger = s.first_leg_larger
    // per country tag, the routes and positions (after the first) it stands at
    const stops = new Map<number, { route: number[]; pos: number }[]>()
    // a route's first country is its origin: paying someone there is a remittance home, not a leg
    for (const route of routes) {
      for (let pos = 2; pos < route.length; pos++) {
        const list = stops.get(route[pos]!) ?? []
        list.push({ route, pos })
        stops.set(route[pos]!, list)
      }
    }
    // with join_routes: per country tag, the countries a hop of some route comes from (never a route's origin)
    const hopsInto = new Map<number, number[]>()
    for (const route of routes) {
      for (let pos = 2; pos < route.length; pos++) {
        const list = hopsInto.get(route[pos]!) ?? []
        if (!list.includes(route[pos - 1]!)) list.push(route[pos - 1]!)
        hopsInto.set(route[pos]!, list)
      }
    }
    const join = s.join_routes
    const codeOf = (tag: number) => String.fromCharCode(65 + Math.floor(tag / 26), 65 + (tag % 26))
    return {
      unit: 'count',
      window: {
        aggregate: 'max',
        extract: (v) => {
          if (v.direction !== 'out' || !leg(v)) return undefined
          const tag = legCountryTag(v.counterparty, v.party)
          return tag < 0 ? undefined : packEvent(v.ctx.amountMinor, tag)
        },
      },
      cost: { add: 0.5, evaluation: 2 },
      evaluate: (ev, self) => {
        const window = ev.window
        const hereTag = ev.view.direction === 'out' ? legCountryTag(ev.view.counterparty, ev.view.party) : -1
        const here = stops.get(hereTag)
        if (!window || !here) return 0
        const ctx = ev.ctx
        // this payer's earlier legs, newest first
        const times: number[] = []
        const packed: number[] = []
        const ids: string[] = []
        window.eachValue(self.slot, ctx.ts, (ts, value, id) => {
          if (id !== ctx.record.id) {
            times.push(ts)
            packed.push(value)
            ids.push(id)
          }
          return times.length < MAX_SCANNED
        })
        let best: number[] = []
        let bestRoute: number[] = []
        // oldest first; with first_leg_larger, drop early legs until the first is larger than every later one
        const trimmed = (chain: number[]) => {
          const units = chain.map((i) => (i < 0 ? ctx.amountMinor / MINOR_PER_MAJOR : packedUnits(packed[i]!)))
          let start = 0
          if (firstLarger) while (start < chain.length - 1 && !(units[start]! > Math.max(...units.slice(start + 1)))) start++
          return start
        }
        if (join) {
          // backwards along hops, every earlier payment to the country a hop comes from tried (not only the newest: a
          // payer's everyday payment there after the journey's leg must not hide it), at most MAX_STEPS steps
          let steps = 0
          const walk = (chain: number[], tags: number[], before: number) => {
            let extended = false
            for (const from of hopsInto.get(tags[tags.length - 1]!) ?? []) {
              if (tags.includes(from)) continue
              for (let i = 0; i < times.length && steps < MAX_STEPS; i++) {
                if (times[i]! > before || packedTag(packed[i]!) !== from) continue
                steps++
                extended = true
                walk([...chain, i], [...tags, from], times[i]! - minGapMs)
              }
            }
            if (extended) return
            const ordered = [...chain].reverse()
            const start = trimmed(ordered)
            if (ordered.length - start > best.length) {
              best = ordered.slice(start)
              bestRoute = [...tags].reverse().slice(start)
            }
          }
          walk([-1], [hereTag], ctx.ts - minGapMs)
        }
        for (const { route, pos } of join ? [] : here) {
          // legs backwards along the route, each the newest one early enough before the leg after it
          const chain: number[] = [-1]
          let want = pos - 1
          let before = ctx.ts - minGapMs
          for (let i = 0; i < times.length && want >= 1; i++) {
            if (times[i]! > before || packedTag(packed[i]!) !== route[want]) continue
            chain.push(i)
            want--
            before = times[i]! - minGapMs
          }
          chain.reverse()
          const legs = chain.slice(trimmed(chain))
          if (legs.length > best.length) {
            best = legs
            bestRoute = route.slice(pos + 1 - legs.length, pos + 1)
          }
        }
        if (best.length < 2) return best.length
        ev.transfers = best.map((i) => (i < 0 ? ctx.record.id : ids[i]!))
        ev.extra = { route: bestRoute.map(codeOf).join(' > ') }
        return best.length
      },
    }
  },
})

const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/
const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/

/**
 * The tag of the country a payment is a leg to: the payee's country field, else the country its BIC-shaped bank
 * code (letters 5-6) or IBAN-shaped account (its first two letters) names; -1 when none, or when it is the payer's
 * own country (a payment at home is no leg of a journey abroad).
 */
function legCountryTag(payee: Party, payer: Party): number {
  const country = payee.country ?? (payee.institution && BIC.test(payee.institution) ? payee.institution.slice(4, 6) : payee.account && IBAN.test(payee.account) ? payee.account.slice(0, 2) : undefined)
  return country === undefined || country === payer.country ? -1 : countryTag(country)
}
