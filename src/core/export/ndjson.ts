import type { Exportable, ExportFormat } from './export-format.ts'

/** Results of one kind as NDJSON: each item's JSON on a line of its own, in order (outputs in input order, cases highest score first). */
export function ndjsonExport<K extends keyof Exportable>(of: K): ExportFormat<K> {
  return {
    name: 'ndjson',
    of,
    mediaType: 'application/x-ndjson',
    extensions: ['.ndjson', '.jsonl'],
    header: '',
    encode(items) {
      let text = ''
      for (const item of items) text += JSON.stringify(item) + '\n'
      return text
    },
  }
}
