import { parseCsvLine } from './csv-line.ts'
import type { InputFormatSpec, RecordParser } from './input-format.ts'
import type { TextLine } from './lines.ts'
import { lineError, validateRecord, type ParsedLine } from './parsed-line.ts'

/** Comma-separated values with a header row of dotted field paths (`sender.id`). */
export const csv = {
  name: 'csv',
  title: 'CSV',
  mediaTypes: ['text/csv'],
  extensions: ['.csv'],
  // a header row: field names and commas, where a JSON line would open an object or array
  sniff: (firstLine) => firstLine.includes(',') && !/^\s*[{[]/.test(firstLine),
  parser: () => csvRecordParser(),
  documented: { example: 'id,timestamp,amount,currency,sender.id,receiver.id\nT1,2026-03-01T10:00:00Z,950.00,GBP,ACC-1,ACC-2' },
} as const satisfies InputFormatSpec

const MAX_RECORD_LINES = 64

/**
 * CSV lines to validated records. A quoted field may span lines; the record is then reported at its first line.
 * A record still open at the end of input (an unterminated quote) becomes its error line.
 */
export function csvRecordParser(): RecordParser {
  let header: string[][] | null = null
  // a header column that would write through an object's prototype: every record is refused, naming it
  let badColumn: { index: number; name: string } | null = null
  let carry: { line: number; text: string; lines: number } | null = null

  const toRecord = (cells: string[], line: number): ParsedLine => {
    const columns = header!
    if (badColumn) {
      const why = `header column ${badColumn.index + 1} "${badColumn.name}" is not a field path: ${[...UNSAFE_KEYS].join(', ')} are not allowed as path parts`
      return lineError(line, 'invalid_csv', why, undefined, `header.${badColumn.index}`)
    }
    if (cells.length !== columns.length) {
      return lineError(line, 'invalid_csv', `expected ${columns.length} fields as in the header, found ${cells.length}`)
    }
    const obj: Record<string, unknown> = {}
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!
      if (cell === '') continue
      setPath(obj, columns[i]!, cell)
    }
    return validateRecord(obj, line)
  }

  const push = (lines: readonly TextLine[]): ParsedLine[] => {
    const out: ParsedLine[] = []
    for (const { line, text, tooLong } of lines) {
      if (tooLong) {
        carry = null
        out.push(lineError(line, 'line_too_long', 'line exceeds the maximum record length and was skipped'))
        continue
      }
      const startLine = carry ? carry.line : line
      const logical = carry ? `${carry.text}\n${text}` : text
      if (!carry && logical.trim() === '') continue
      const cells = parseCsvLine(logical)
      if (cells === null) {
        // an open quote: the record continues on the next line, within reason
        const count = (carry?.lines ?? 0) + 1
        if (count >= MAX_RECORD_LINES) {
          carry = null
          out.push(lineError(startLine, 'invalid_csv', 'unterminated quoted field'))
        } else carry = { line: startLine, text: logical, lines: count }
        continue
      }
      carry = null
      if (header === null) {
        header = cells.map((h) => h.trim().split('.'))
        const index = header.findIndex((path) => path.some((part) => UNSAFE_KEYS.has(part)))
        if (index !== -1) badColumn = { index, name: cells[index]!.trim() }
        continue
      }
      out.push(toRecord(cells, startLine))
    }
    return out
  }

  const end = (): ParsedLine[] => {
    if (!carry) return []
    const line = carry.line
    carry = null
    return [lineError(line, 'invalid_csv', 'unterminated quoted field at end of input')]
  }

  return { push, end }
}

/** Path parts that would reach a prototype instead of a field of the record. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Writes `value` at `path`; the header check keeps prototype keys out, and only own properties are followed. */
function setPath(obj: Record<string, unknown>, path: string[], value: string): void {
  let node = obj
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!
    let next = (Object.hasOwn(node, key) ? node[key] : undefined) as Record<string, unknown> | undefined
    if (next === undefined || typeof next !== 'object') {
      next = {}
      node[key] = next
    }
    node = next
  }
  node[path[path.length - 1]!] = value
}
