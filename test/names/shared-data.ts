import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'
import { normaliseName } from '../../src/core/names/index.ts'
import { tokenSimilarity } from '../../src/core/names/token-similarity.ts'
import type { WatchlistEntry } from '../../src/core/names/types.ts'
import { loadList } from '../../src/lists/load.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/**
 * ../shared/data beside the repository (or TXSCREEN_SHARED_DATA, for a checkout elsewhere): third-party reference
 * data, absent on some machines
 */
export const sharedData = process.env.TXSCREEN_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data')
export const watchlistsDir = path.join(sharedData, 'watchlists')
export const hasWatchlists = existsSync(watchlistsDir)
const sharedCases = path.join(sharedData, 'name-matching')

/**
 * Where the peer cases and lists are read from: ../shared/data when it is there, else the subsets vendored into
 * fixtures/ (fixtures/names/README.md), so the name tests never skip. The peer case files are vendored whole (the
 * Wikidata ones to the rows the test reads), so their figures are the same either way; the lists are a subset.
 */
export const nameDataSource: 'shared data' | 'fixtures' = existsSync(sharedCases) ? 'shared data' : 'fixtures'
export const nameMatchingDir = nameDataSource === 'shared data' ? sharedCases : path.join(repoRoot, 'fixtures/names')
const screeningListsDir = nameDataSource === 'shared data' && hasWatchlists ? watchlistsDir : path.join(repoRoot, 'fixtures/lists')

/** The lists the issue screens against, OFAC SDN 2019 and the UN consolidated list (whole, or the vendored subset). */
export async function screeningLists(): Promise<{ entries: WatchlistEntry[]; source: string }> {
  const ofac = await loadList(`ofac-csv:${path.join(screeningListsDir, 'ofac-sdn-2019')}`)
  const un = await loadList(`un-xml:${path.join(screeningListsDir, 'un/UN_consolidated.xml')}`)
  const entries = [...ofac.entries, ...un.entries]
  return { entries, source: `${path.relative(repoRoot, screeningListsDir) || screeningListsDir}: ${entries.length} entries` }
}

/** CSV rows of a small reference file, without its header and comment lines. */
export function readCsvRows(file: string, { header = true } = {}): string[][] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))
  return lines.slice(header ? 1 : 0).map((l) => parseCsvLine(l)!)
}

/**
 * Two names share a word when a word of one has a word of the other at least this similar: the same word, or the
 * same written another way ("putni", "putin"), not merely alike ("kim", "kil"; "bashar", "bushra"). The near-miss
 * set and the split of OFAC's pairs both count shared words so.
 */
export const SHARED_WORD = 0.75

/** How many words of `query` `candidate` shares (see SHARED_WORD), and how many words the query has. */
export function sharedWords(query: string, candidate: string): { shared: number; words: number } {
  const words = (raw: string, listed: boolean) =>
    normaliseName(raw, undefined, listed)
      .tokens.filter((t) => t.kind === 'word' || t.kind === 'number')
      .map((t) => t.text)
  const q = words(query, false)
  const c = words(candidate, true)
  const shared = q.filter((w) => c.some((x) => x === w || tokenSimilarity(w, x) >= SHARED_WORD)).length
  return { shared, words: q.length }
}
