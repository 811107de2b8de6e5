import { parseCsvLine } from '../io/csv-line.ts'

const MAX_RECORD_LINES = 64

/** All CSV records of a text; a quoted field may span lines. Blank lines are skipped. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    let logical = lines[i]!
    if (logical.trim() === '') continue
    let cells = parseCsvLine(logical)
    for (let extra = 0; cells === null && extra < MAX_RECORD_LINES && i + 1 < lines.length; extra++) {
      logical += '\n' + lines[++i]!
      cells = parseCsvLine(logical)
    }
    if (cells === null) throw new Error(`unterminated quoted field in CSV record starting "${logical.slice(0, 40)}"`)
    records.push(cells)
  }
  return records
}

/** Records of a CSV with a header, as objects keyed by the lower-cased, trimmed header names. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = csvRecords(text.replace(/^\uFEFF/, ''))
  if (!header) return []
  const keys = header.map((h) => h.trim().toLowerCase())
  return rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, (row[i] ?? '').trim()])))
}
