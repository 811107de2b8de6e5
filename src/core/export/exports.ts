import { csvCaseTransfers } from './csv-case-transfers.ts'
import { csvCases } from './csv-cases.ts'
import type { Exportable, ExportFormat } from './export-format.ts'
import { ndjsonExport } from './ndjson.ts'

type AnyExport = { [K in keyof Exportable]: ExportFormat<K> }[keyof Exportable]

/** The exports; the first of each kind is its default. A new export is its file and a line here. */
const EXPORTS: readonly AnyExport[] = [ndjsonExport('outputs'), ndjsonExport('cases'), csvCases, ndjsonExport('transfers'), csvCaseTransfers]

for (const [i, e] of EXPORTS.entries()) {
  if (EXPORTS.findIndex((o) => o.of === e.of && o.name === e.name) !== i) throw new Error(`two ${e.of} exports are named ${e.name}`)
}

/** the exports of one kind of result, the default first */
export function exportsOf<K extends keyof Exportable>(of: K): ExportFormat<K>[] {
  return EXPORTS.filter((e): e is ExportFormat<K> & AnyExport => e.of === of)
}

/** the export named, or the one a file name's ending asks for, or the default */
export function pickExport<K extends keyof Exportable>(of: K, opts: { name?: string | undefined; path?: string | undefined }): ExportFormat<K> | undefined {
  const all = exportsOf(of)
  if (opts.name !== undefined) return all.find((e) => e.name === opts.name)
  const path = opts.path?.toLowerCase()
  return (path !== undefined && all.find((e) => e.extensions.some((x) => path.endsWith(x)))) || all[0]
}

/** the first export of this kind whose media type an Accept header lists, if any (quality values are not weighed) */
export function exportForAccept<K extends keyof Exportable>(of: K, accept: string | undefined): ExportFormat<K> | undefined {
  if (!accept) return undefined
  const wanted = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase())
  return exportsOf(of).find((e) => wanted.includes(e.mediaType))
}
