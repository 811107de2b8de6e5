import type { Clock } from '../../core/index.ts'
import { loadLists } from '../../lists/load.ts'
import { ListHolder } from '../../service/lists.ts'

/** TXSCREEN_LISTS ("FORMAT:PATH,FORMAT:PATH") read from files, and read again on every reload. */
export function fileLists(specs: readonly string[], clock?: Clock): ListHolder {
  return new ListHolder(async () => {
    const loaded = await loadLists([...specs])
    return {
      watchlists: { names: loaded.names, indicators: loaded.indicators },
      sources: loaded.sources.map((s) => ({ spec: s.spec, entries: s.entries, indicators: s.indicators })),
    }
  }, clock)
}

export function parseListSpecs(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
