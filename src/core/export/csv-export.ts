import type { Exportable, ExportFormat } from './export-format.ts'

/** list cells (rules, typologies, transfer ids) join their items with this */
const LIST_SEPARATOR = ';'

/** One CSV cell: lists joined, and (RFC 4180) quoted with its quotes doubled when it holds a quote, comma or line break. */
function csvCell(value: unknown): string {
  const text = value === undefined ? '' : Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * Results of one kind as CSV for spreadsheets: a header of the columns, then a row per item, lists in one
 * cell. `columnSet` names every field of the item (a field added to the item's type and missing there does not compile).
 */
export function csvExport<K extends keyof Exportable>(of: K, columnSet: { [F in keyof Exportable[K]]-?: true }): ExportFormat<K> {
  const columns = Object.keys(columnSet) as (keyof Exportable[K])[]
  return {
    name: 'csv',
    of,
    mediaType: 'text/csv',
    extensions: ['.csv'],
    header: `${columns.join(',')}\n`,
    encode(items) {
      let text = ''
      for (const item of items) text += columns.map((col) => csvCell(item[col])).join(',') + '\n'
      return text
    },
  }
}
