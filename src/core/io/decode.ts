import { csvRecordParser } from './csv.ts'
import { splitLines, type TextLine } from './lines.ts'
import { parseNdjsonLines } from './ndjson.ts'
import type { ParsedLine } from './parsed-line.ts'

export type InputFormat = 'ndjson' | 'csv'

/**
 * Bytes of NDJSON or CSV to validated records (or their error lines), in input order.
 * Records travel in arrays, one per input chunk.
 */
export function decodeRecords(format: InputFormat, maxLineChars?: number): ReadableWritablePair<ParsedLine[], Uint8Array> {
  const lines = splitLines(maxLineChars)
  const parse =
    format === 'ndjson'
      ? new TransformStream<TextLine[], ParsedLine[]>({
          transform(chunk, controller) {
            const out = parseNdjsonLines(chunk)
            if (out.length > 0) controller.enqueue(out)
          },
        })
      : csvTransform()
  return { writable: lines.writable, readable: lines.readable.pipeThrough(parse) }
}

function csvTransform() {
  const parser = csvRecordParser()
  return new TransformStream<TextLine[], ParsedLine[]>({
    transform(chunk, controller) {
      const out = parser.push(chunk)
      if (out.length > 0) controller.enqueue(out)
    },
    flush(controller) {
      const out = parser.end()
      if (out.length > 0) controller.enqueue(out)
    },
  })
}
