import { nameKeys } from './blocking-keys.ts'
import { compareNames } from './compare-names.ts'
import { normaliseName, type NameKind, type NameToken, type NormalName } from './normalize-name.ts'
import { qualify } from './qualifiers.ts'
import { tokenSimilarity } from './token-similarity.ts'
import type { NameIndex, NameMatch, NameSearchOptions, WatchlistEntry } from './types.ts'

/**
 * The score at or above which a name is reported as a match. Chosen on the labelled cases in test/names (the
 * logic-v2 match/no-match cases sit on either side of it: "Snow"/"Snoe" 0.82 below, "COBADEFFXXX"/"COBADEFF"
 * 0.87 above); see docs/names.md.
 */
export const DEFAULT_NAME_THRESHOLD = 0.84

const DEFAULT_LIMIT = 10
// names scored in full per query, best blocking overlap first: bounds the work whatever the list size
const MAX_CANDIDATES = 48
// a key shared by more names than this says little ("mohammed"); it is skipped when the query has other keys
const MAX_POSTING = 4000

export interface NameIndexOptions {
  /** score every name instead of the blocked candidates: for measuring what blocking costs in recall */
  exhaustive?: boolean
}

interface IndexedName {
  entry: number
  raw: string
  norm: NormalName
}

export function buildNameIndex(entries: WatchlistEntry[], options: NameIndexOptions = {}): NameIndex {
  const names: IndexedName[] = []
  const postings = new Map<string, number[]>()
  entries.forEach((entry, e) => {
    const kind = entryKind(entry)
    const seen = new Set<string>()
    for (const raw of [entry.name, ...entry.aliases]) {
      const norm = normaliseName(raw, kind)
      if (norm.tokens.length === 0 || seen.has(norm.text)) continue
      seen.add(norm.text)
      const id = names.length
      names.push({ entry: e, raw, norm })
      const keys = new Set<string>()
      for (const group of nameKeys(norm)) for (const k of group) keys.add(k)
      for (const k of keys) {
        const list = postings.get(k)
        if (list) list.push(id)
        else postings.set(k, [id])
      }
    }
  })
  const overlap = new Float64Array(names.length)
  const stamp = new Int32Array(names.length).fill(-1)
  let stampCounter = 0

  function candidates(query: NormalName): number[] {
    if (options.exhaustive) return names.map((_, i) => i)
    const touched: number[] = []
    const groups = nameKeys(query)
    groups.forEach((keys, g) => {
      const weight = query.tokens[g]?.weight ?? 1
      const mark = stampCounter++
      for (const k of keys) {
        const ids = postings.get(k)
        if (!ids || (ids.length > MAX_POSTING && groups.length > 1)) continue
        for (const id of ids) {
          if (stamp[id] === mark) continue
          if (overlap[id] === 0) touched.push(id)
          stamp[id] = mark
          overlap[id] = overlap[id]! + weight
        }
      }
    })
    touched.sort((a, b) => overlap[b]! - overlap[a]!)
    const chosen = touched.length > MAX_CANDIDATES ? touched.slice(0, MAX_CANDIDATES) : touched
    for (const id of touched) overlap[id] = 0
    return chosen
  }

  function search(query: string, opts: NameSearchOptions = {}): NameMatch[] {
    const q = normaliseName(query, opts.type)
    if (q.tokens.length === 0) return []
    const minScore = opts.minScore ?? DEFAULT_NAME_THRESHOLD
    const similarity = cachedSimilarity(q)
    const best = new Map<number, NameMatch>()
    for (const id of candidates(q)) {
      const name = names[id]!
      const entry = entries[name.entry]!
      if (!typeAllowed(entry, opts.type)) continue
      const cmp = compareNames(q, name.norm, similarity)
      const score = qualify(cmp.score, entry, opts)
      if (score < minScore) continue
      const previous = best.get(name.entry)
      if (previous && previous.score >= score) continue
      best.set(name.entry, { entry, score, matchedName: name.raw, explanation: cmp.pairs })
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, opts.limit ?? DEFAULT_LIMIT)
  }

  return { size: entries.length, search }
}

function entryKind(entry: WatchlistEntry): NameKind {
  if (entry.type === 'person') return 'person'
  if (entry.type === 'unknown') return undefined
  return 'org'
}

function typeAllowed(entry: WatchlistEntry, type: NameSearchOptions['type']): boolean {
  if (!type || entry.type === 'unknown') return true
  return type === 'person' ? entry.type === 'person' : entry.type !== 'person'
}

/** Token similarity memoised per query token: list names share many tokens, so most pairs repeat. */
function cachedSimilarity(query: NormalName): (q: NameToken, c: NameToken) => number {
  const caches = new Map<NameToken, Map<string, number>>()
  for (const t of query.tokens) caches.set(t, new Map())
  return (q, c) => {
    const cache = caches.get(q)!
    const key = c.approx ? `${c.approx}~${c.text}` : c.text
    let s = cache.get(key)
    if (s === undefined) {
      s = tokenSimilarity(q.text, c.text, q.approx || c.approx)
      cache.set(key, s)
    }
    return s
  }
}
