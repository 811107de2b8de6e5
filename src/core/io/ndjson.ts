import { inexactAmount } from '../record/json-amount.ts'
import { jsonMayHoldTextHazard } from '../record/text-hazards.ts'
import type { InputFormatSpec } from './input-format.ts'
import type { TextLine } from './lines.ts'
import { lineError, validateRecord, type ParsedLine } from './parsed-line.ts'

/** Newline-delimited JSON: one record object per line. */
export const ndjson = {
  name: 'ndjson',
  title: 'NDJSON',
  mediaTypes: ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
  extensions: ['.ndjson', '.jsonl'],
  sniff: (firstLine) => firstLine.trimStart().startsWith('{'),
  parser: () => ({ push: parseNdjsonLines, end: () => [] }),
  documented: 'json-record-lines',
} as const satisfies InputFormatSpec

/** NDJSON lines to validated records; blank lines are not records and produce nothing. */
export function parseNdjsonLines(lines: readonly TextLine[]): ParsedLine[] {
  const out: ParsedLine[] = []
  for (const { line, text, tooLong } of lines) {
    if (tooLong) {
      out.push(lineError(line, 'line_too_long', 'line exceeds the maximum record length and was skipped'))
      continue
    }
    if (isBlank(text)) continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (err) {
      out.push(lineError(line, 'invalid_json', `not valid JSON: ${(err as Error).message}`))
      continue
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.push(lineError(line, 'invalid_record', 'expected a JSON object per line'))
      continue
    }
    const inexact = inexactAmount(value as Record<string, unknown>, text)
    if (inexact !== undefined) {
      const id = (value as { id?: unknown }).id
      out.push(lineError(line, 'invalid_record', inexact, typeof id === 'string' ? id : undefined, 'amount'))
      continue
    }
    out.push(validateRecord(value, line, jsonMayHoldTextHazard(text)))
  }
  return out
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}
