import { validateRecord, type InputFormatSpec, type ParsedLine, type RecordParser, type TextLine } from '../../src/core/index.ts'

/**
 * A test-only input format, to show that a format is one file plus one registry line: pipe-separated values,
 * a header row of dotted field paths (`sender.id`) and then one record per line, without quoting.
 */
export const psv = {
  name: 'psv',
  title: 'PSV',
  mediaTypes: ['text/x-psv'],
  extensions: ['.psv'],
  sniff: (firstLine) => firstLine.includes('|') && !firstLine.includes(','),
  parser: psvParser,
  documented: { example: 'id|timestamp|amount|currency|sender.id|receiver.id' },
} as const satisfies InputFormatSpec

function psvParser(): RecordParser {
  let header: string[][] | undefined
  return {
    push(lines: readonly TextLine[]): ParsedLine[] {
      const out: ParsedLine[] = []
      for (const { line, text } of lines) {
        if (text.trim() === '') continue
        const cells = text.split('|')
        if (!header) {
          header = cells.map((c) => c.trim().split('.'))
          continue
        }
        if (cells.length !== header.length) {
          out.push({ ok: false, error: { line, error: { code: 'invalid_record', message: `expected ${header.length} cells, found ${cells.length}` } } })
          continue
        }
        const record: Record<string, Record<string, string> | string> = {}
        cells.forEach((cell, i) => {
          if (cell === '') return
          const [field, leaf] = header![i]!
          if (leaf === undefined) record[field!] = cell
          else ((record[field!] ??= {}) as Record<string, string>)[leaf] = cell
        })
        out.push(validateRecord(record, line))
      }
      return out
    },
    end: () => [],
  }
}
