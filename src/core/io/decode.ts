import { csvRecordParser } from './csv.ts'
import { splitLines, type TextLine } from './lines.ts'
import { parseNdjsonLines } from './ndjson.ts'
import type { ParsedLine } from './parsed-line.ts'

export type InputFormat = 'ndjson' | 'csv'

/** Lines to validated records, incrementally; stateful for CSV (header, quoted fields across lines), so one per stream. */
export interface RecordParser {
  push(lines: TextLine[]): ParsedLine[]
  /** what is still open at the end of input */
  end(): ParsedLine[]
}

export function recordParser(format: InputFormat): RecordParser {
  return format === 'ndjson' ? { push: parseNdjsonLines, end: () => [] } : csvRecordParser()
}

/**
 * Bytes of NDJSON or CSV to validated records (or their error lines), in input order.
 * Records travel in arrays, one per input chunk.
 */
export function decodeRecords(format: InputFormat, maxLineChars?: number): ReadableWritablePair<ParsedLine[], Uint8Array> {
  const lines = splitLines(maxLineChars)
  const parser = recordParser(format)
  const parse = new TransformStream<TextLine[], ParsedLine[]>({
    transform(chunk, controller) {
      const out = parser.push(chunk)
      if (out.length > 0) controller.enqueue(out)
    },
    flush(controller) {
      const out = parser.end()
      if (out.length > 0) controller.enqueue(out)
    },
  })
  return { writable: lines.writable, readable: lines.readable.pipeThrough(parse) }
}
