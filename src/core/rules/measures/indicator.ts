import { z } from 'zod'
import type { TransferView } from '../../screen/view.ts'
import type { IndicatorLookup } from '../watchlist-port.ts'
import type { ListMatch } from './evaluation.ts'
import { defineMeasure } from './measure.ts'

const INDICATOR_TYPES = ['phone', 'email', 'handle', 'wallet', 'account', 'name'] as const
export type IndicatorType = (typeof INDICATOR_TYPES)[number]

/** `{ indicator: { types } }`: how many of the party's identifiers are on an indicator list. */
export const indicator = defineMeasure({
  key: 'indicator',
  schema: z.object({ indicator: z.object({ types: z.array(z.enum(INDICATOR_TYPES)).optional() }).strict() }).strict(),
  placeholders: ['matched', 'list'],
  compile(spec) {
    const types: readonly IndicatorType[] = spec.indicator.types ?? ['phone', 'email', 'handle', 'wallet', 'account']
    return {
      unit: 'count',
      lists: true,
      zeroWithout: 'indicators',
      // lookups per party when lists are loaded; without them the measure is a no-op
      cost: { withLists: 2 },
      evaluate: (ev) => {
        const lookup = ev.watchlists?.indicators
        if (!lookup) return 0
        const found = listedIdentifiers(lookup, ev.view.party, types)
        if (found.length > 0) {
          ev.matches = found
          ev.extra = { matched: found.map((f) => f.matched).join(', '), list: [...new Set(found.map((f) => f.list))].join(', ') }
        }
        return found.length
      },
    }
  },
})

function listedIdentifiers(lookup: IndicatorLookup, party: TransferView['party'], types: readonly IndicatorType[]): ListMatch[] {
  const out: ListMatch[] = []
  for (const type of types) {
    const raw = identifier(type, party)
    if (!raw) continue
    for (const hit of lookup.lookup(type, raw)) out.push({ list: hit.list, entry: `${hit.type}:${hit.value}`, matched: raw, score: 1 })
  }
  return out
}

function identifier(type: IndicatorType, party: TransferView['party']): string | undefined {
  switch (type) {
    case 'phone':
      return party.phone
    case 'email':
      return party.email
    case 'handle':
      return party.handle
    case 'account':
      return party.account
    case 'wallet':
      // crypto parties are keyed by their address
      return party.account ?? party.id
    case 'name':
      return party.name
    default:
      return type satisfies never
  }
}
