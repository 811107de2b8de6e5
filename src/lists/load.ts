import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parseOfacCsv } from '../core/lists/ofac-csv.ts'
import { parseIndicatorsCsv, parseListCsv } from '../core/lists/simple-csv.ts'
import { parseUnXml } from '../core/lists/un-xml.ts'
import { buildIndicatorIndex, buildNameIndex, type Indicator, type IndicatorIndex, type NameIndex, type WatchlistEntry } from '../core/names/index.ts'

export const LIST_FORMATS = ['ofac-csv', 'un-xml', 'csv', 'indicators-csv'] as const
export type ListFormat = (typeof LIST_FORMATS)[number]

export interface LoadedList {
  entries: WatchlistEntry[]
  indicators: Indicator[]
}

export interface ListSource {
  spec: string
  format: ListFormat
  path: string
  /** the list name put on its entries and indicators: the file or folder name */
  list: string
  entries: number
  aliases: number
  indicators: number
}

export interface LoadedLists {
  names: NameIndex
  indicators: IndicatorIndex
  sources: ListSource[]
}

/** Parses "FORMAT:PATH"; the error names the formats. */
export function parseListSpec(spec: string): { format: ListFormat; path: string } {
  const colon = spec.indexOf(':')
  const format = colon === -1 ? '' : spec.slice(0, colon)
  const file = colon === -1 ? '' : spec.slice(colon + 1)
  if (!(LIST_FORMATS as readonly string[]).includes(format) || file === '') {
    throw new Error(`list "${spec}": expected FORMAT:PATH with FORMAT one of ${LIST_FORMATS.join(', ')}`)
  }
  return { format: format as ListFormat, path: file }
}

export async function loadList(spec: string): Promise<LoadedList> {
  return (await loadOne(spec)).loaded
}

export async function loadLists(specs: string[]): Promise<LoadedLists> {
  const all = await Promise.all(specs.map(loadOne))
  const entries = all.flatMap((a) => a.loaded.entries)
  const indicators = all.flatMap((a) => a.loaded.indicators)
  return { names: buildNameIndex(entries), indicators: buildIndicatorIndex(indicators), sources: all.map((a) => a.source) }
}

async function loadOne(spec: string): Promise<{ loaded: LoadedList; source: ListSource }> {
  const { format, path: file } = parseListSpec(spec)
  const list = path.basename(file).replace(/\.[a-z]+$/i, '')
  let loaded: LoadedList
  switch (format) {
    case 'ofac-csv':
      loaded = parseOfacCsv(await ofacFiles(file, spec), list)
      break
    case 'un-xml':
      loaded = { entries: parseUnXml(await readText(file, spec), list), indicators: [] }
      break
    case 'csv':
      loaded = { entries: parseListCsv(await readText(file, spec), list), indicators: [] }
      break
    case 'indicators-csv':
      loaded = { entries: [], indicators: parseIndicatorsCsv(await readText(file, spec), list) }
      break
  }
  const aliases = loaded.entries.reduce((n, e) => n + e.aliases.length, 0)
  return { loaded, source: { spec, format, path: file, list, entries: loaded.entries.length, aliases, indicators: loaded.indicators.length } }
}

async function readText(file: string, spec: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    throw new Error(`list "${spec}": cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)
  }
}

/** A folder with sdn.csv (or cons_prim.csv) and its companions, or the path of that main file itself. */
async function ofacFiles(file: string, spec: string) {
  const isDir = await stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  )
  const dir = isDir ? file : path.dirname(file)
  const prefix = (isDir ? await existing(path.join(dir, 'cons_prim.csv')) : path.basename(file).startsWith('cons_')) ? 'cons_' : ''
  const main = isDir ? path.join(dir, prefix ? 'cons_prim.csv' : 'sdn.csv') : file
  const optional = async (name: string) => ((await existing(path.join(dir, name))) ? readText(path.join(dir, name), spec) : undefined)
  return {
    primary: await readText(main, spec),
    alt: await optional(`${prefix}alt.csv`),
    add: await optional(`${prefix}add.csv`),
    comments: await optional(prefix ? 'cons_comments.csv' : 'sdn_comments.csv'),
  }
}

async function existing(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  )
}
