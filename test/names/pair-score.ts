import { buildNameIndex, type WatchlistEntry } from '../../src/core/names/index.ts'

/**
 * The score the public API gives one query against a list holding one entry: blocking, alignment and all.
 * 0 when the index does not even propose the entry.
 */
export function pairScore(
  query: string,
  candidate: string,
  type: WatchlistEntry['type'] = 'unknown',
  aliases: string[] = [],
  identifiers: { query?: string[]; candidate?: string[] } = {},
): number {
  const index = buildNameIndex([{ list: 'test', id: '1', name: candidate, aliases, type, identifiers: identifiers.candidate ?? [] }])
  const kind = type === 'person' ? 'person' : type === 'unknown' ? undefined : 'org'
  return index.search(query, { minScore: 0, limit: 1, identifiers: identifiers.query ?? [], ...(kind && { type: kind }) })[0]?.score ?? 0
}
