import { openBytes } from '../batch/line-source.ts'
import { decodeRecords, type InputFormat, type ParsedLine } from '../core/index.ts'

/** A file (or stdin for "-") decoded into validated records, with the byte count for progress. */
export interface RecordSource {
  batches: AsyncIterable<ParsedLine[]>
  totalBytes: number | undefined
  bytesRead(): number
}

export function formatOf(path: string, explicit?: string): InputFormat {
  if (explicit === 'csv' || explicit === 'ndjson') return explicit
  if (explicit !== undefined) throw new Error(`unknown format "${explicit}": use ndjson or csv`)
  return /\.csv$/i.test(path) ? 'csv' : 'ndjson'
}

export async function openRecords(path: string, format: InputFormat): Promise<RecordSource> {
  const { bytes, totalBytes, bytesRead } = await openBytes(path)
  // Node's web streams are async iterable; the DOM typings do not say so
  const batches = bytes.pipeThrough(decodeRecords(format)) as unknown as AsyncIterable<ParsedLine[]>
  return { batches, totalBytes, bytesRead }
}
