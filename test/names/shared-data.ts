import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** ../shared/data beside the repository: third-party reference data, absent on some machines */
export const sharedData = path.resolve(repoRoot, '../shared/data')
export const nameMatchingDir = path.join(sharedData, 'name-matching')
export const watchlistsDir = path.join(sharedData, 'watchlists')
export const hasNameMatching = existsSync(nameMatchingDir)
export const hasWatchlists = existsSync(watchlistsDir)

/** CSV rows of a small reference file, without its header and comment lines. */
export function readCsvRows(file: string, { header = true } = {}): string[][] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))
  return lines.slice(header ? 1 : 0).map((l) => parseCsvLine(l)!)
}
