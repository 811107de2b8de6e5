import { z } from 'zod'
import type { Party, UltimateParty } from '../../record/schema.ts'
import type { Watchlists } from '../watchlist-port.ts'
import type { MeasureEvaluation } from './evaluation.ts'
import { defineMeasure, type CompiledMeasure } from './measure.ts'

type NameHit = ReturnType<NonNullable<Watchlists['names']>['search']>[number]
type NameMemo = Map<string, NameHit | undefined>

// answers remembered per rule runner, emptied when full
const NAME_MEMO_SIZE = 50_000

/**
 * `{ name_match: { type } }`: the best watchlist score of the party's name, or of the ultimate party's on its side
 * when the record names one (0 without a match or lists). `{screened}` is the name that matched.
 */
export const nameMatch = defineMeasure({
  key: 'name_match',
  schema: z.object({ name_match: z.object({ type: z.enum(['person', 'org']).optional() }).strict() }).strict(),
  placeholders: ['matched', 'list', 'screened'],
  compile(spec) {
    const fixedType = spec.name_match.type
    return {
      unit: 'score',
      lists: true,
      zeroWithout: 'names',
      // a name search per party (memoised) when lists are loaded; without them the measure is a no-op
      cost: { withLists: 2 },
      scratch: (): NameMemo => new Map(),
      evaluate: (ev, self) => {
        let best = bestMatch(ev, self, ev.view.party, fixedType)
        let screened = ev.view.party.name
        const ultimate = ev.view.ultimate
        if (ultimate) {
          const other = bestMatch(ev, self, ultimate, fixedType)
          if (other && (!best || other.score > best.score)) {
            best = other
            screened = ultimate.name
          }
        }
        if (!best) return 0
        ev.matches = [{ list: best.entry.list, entry: best.entry.id, matched: best.matchedName, score: best.score }]
        ev.extra = { matched: best.matchedName, list: best.entry.list, screened: screened ?? '' }
        return best.score
      },
    }
  },
})

/** A person's name is searched among people, a business's among organisations; others among both. */
function entryType(party: Party | UltimateParty): 'person' | 'org' | undefined {
  if (party.type === 'person') return 'person'
  if (party.type === 'business' || party.type === 'msb') return 'org'
  return undefined
}

/**
 * The best list match for the party's name, with its date of birth, nationality and country as supporting
 * details. Parties come back again and again in a batch while the lists stay the same for the screener's
 * life, so answers are remembered by everything the search reads.
 */
function bestMatch(ev: MeasureEvaluation, self: CompiledMeasure, party: Party | UltimateParty, fixedType: 'person' | 'org' | undefined): NameHit | undefined {
  const names = ev.watchlists?.names
  const name = party.name
  if (!name || !names) return undefined
  const type = fixedType ?? entryType(party)
  const { dateOfBirth, nationality, country } = party
  const memo = ev.scratch[self.index] as NameMemo
  const key = `${type ?? ''}\u0000${dateOfBirth ?? ''}\u0000${nationality ?? ''}\u0000${country ?? ''}\u0000${name}`
  if (memo.has(key)) return memo.get(key)
  const best = names.search(name, {
    limit: 1,
    ...(type && { type }),
    ...(dateOfBirth && { dateOfBirth }),
    ...(nationality && { nationality }),
    ...(country && { country }),
  })[0]
  if (memo.size >= NAME_MEMO_SIZE) memo.clear()
  memo.set(key, best)
  return best
}
