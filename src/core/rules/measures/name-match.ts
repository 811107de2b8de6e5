import { z } from 'zod'
import type { Watchlists } from '../watchlist-port.ts'
import type { MeasureEvaluation } from './evaluation.ts'
import { defineMeasure, type CompiledMeasure } from './measure.ts'

type NameHit = ReturnType<NonNullable<Watchlists['names']>['search']>[number]
type NameMemo = Map<string, NameHit | undefined>

// answers remembered per rule runner, emptied when full
const NAME_MEMO_SIZE = 50_000

/** `{ name_match: { type } }`: the best watchlist score of the party's name (0 without a match or lists). */
export const nameMatch = defineMeasure({
  key: 'name_match',
  schema: z.object({ name_match: z.object({ type: z.enum(['person', 'org']).optional() }).strict() }).strict(),
  placeholders: ['matched', 'list'],
  compile(spec) {
    const type = spec.name_match.type
    const options = type ? { type, limit: 1 } : { limit: 1 }
    return {
      unit: 'score',
      lists: true,
      // a name search per party (memoised) when lists are loaded; without them the measure is a no-op
      cost: { withLists: 2 },
      scratch: (): NameMemo => new Map(),
      evaluate: (ev, self) => {
        const best = bestMatch(ev, self, type, options)
        if (!best) return 0
        ev.matches = [{ list: best.entry.list, entry: best.entry.id, matched: best.matchedName, score: best.score }]
        ev.extra = { matched: best.matchedName, list: best.entry.list }
        return best.score
      },
    }
  },
})

/**
 * The best list match for the party's name. Parties come back again and again in a batch while the lists stay
 * the same for the screener's life, so answers are remembered.
 */
function bestMatch(
  ev: MeasureEvaluation,
  self: CompiledMeasure,
  type: 'person' | 'org' | undefined,
  options: { type?: 'person' | 'org'; limit: number },
): NameHit | undefined {
  const names = ev.watchlists?.names
  const name = ev.view.party.name
  if (!name || !names) return undefined
  const memo = ev.scratch[self.index] as NameMemo
  const key = type ? `${type}\u0000${name}` : name
  if (memo.has(key)) return memo.get(key)
  const best = names.search(name, options)[0]
  if (memo.size >= NAME_MEMO_SIZE) memo.clear()
  memo.set(key, best)
  return best
}
