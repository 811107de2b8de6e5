import { normaliseName } from '../../src/core/names/index.ts'
import { tokenSimilarity } from '../../src/core/names/token-similarity.ts'
import type { WatchlistEntry } from '../../src/core/names/types.ts'
import { prng } from '../../load/lib/payload.js'
import { COMMON_NAMES, type RegionNames } from './common-names.ts'

/** An ordinary customer's name and a listed person who shares exactly one name token with it. */
export interface NearMiss {
  query: string
  list: string
  id: string
  name: string
  shared: string
}

// the customer's other tokens must not be this close to any of the entry's tokens: a spelling of the same word
// ("Ahmed" and "Ahmad") is a shared token, not a near miss
const SAME_WORD = 0.75
// no one token may dominate the set ("mohammed" is in hundreds of list names)
const MAX_PER_SHARED_TOKEN = 5

const words = (raw: string): string[] => normaliseName(raw, 'person', true).tokens.filter((t) => t.kind === 'word').map((t) => t.text)

/**
 * `count` deterministic near misses: common names (COMMON_NAMES, given name and surname) each paired with a listed
 * person all of whose names together share exactly one word with it, the other words of the common name being
 * unlike every word of the entry. Each common name and each entry is used once.
 */
export function nearMisses(entries: readonly WatchlistEntry[], count: number, seed: number, regions: readonly RegionNames[] = COMMON_NAMES): NearMiss[] {
  const people = entries.filter((e) => e.type === 'person')
  const entryWords = people.map((e) => [...new Set([e.name, ...e.aliases].flatMap(words))])
  const byWord = new Map<string, number[]>()
  entryWords.forEach((ws, e) => {
    for (const w of ws) {
      const list = byWord.get(w)
      if (list) list.push(e)
      else byWord.set(w, [e])
    }
  })
  const random = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const usedQueries = new Set<string>()
  const usedEntries = new Set<number>()
  const perToken = new Map<string, number>()
  const out: NearMiss[] = []
  for (let attempt = 0; out.length < count && attempt < count * 200; attempt++) {
    const region = pick(regions)
    const query = `${pick(region.given)} ${pick(region.family)}`
    const qWords = [...new Set(words(query))]
    if (qWords.length < 2 || usedQueries.has(query)) continue
    const fits: number[] = []
    for (const shared of qWords) {
      if ((perToken.get(shared) ?? 0) >= MAX_PER_SHARED_TOKEN) continue
      for (const e of byWord.get(shared) ?? []) {
        if (usedEntries.has(e)) continue
        const ws = entryWords[e]!
        const others = qWords.filter((q) => q !== shared)
        if (others.some((q) => ws.some((w) => w === q || tokenSimilarity(q, w) >= SAME_WORD))) continue
        fits.push(e)
      }
    }
    if (fits.length === 0) continue
    const e = pick(fits)
    const shared = qWords.find((q) => entryWords[e]!.includes(q))!
    usedQueries.add(query)
    usedEntries.add(e)
    perToken.set(shared, (perToken.get(shared) ?? 0) + 1)
    const entry = people[e]!
    out.push({ query, list: entry.list, id: entry.id, name: entry.name, shared })
  }
  return out
}
