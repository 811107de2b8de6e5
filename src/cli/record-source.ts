import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
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
  const totalBytes = path === '-' ? undefined : (await stat(path)).size
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 16 })
  let read = 0
  input.on('data', (chunk: Buffer | string) => {
    read += chunk.length
  })
  const bytes = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>
  // Node's web streams are async iterable; the DOM typings do not say so
  const batches = bytes.pipeThrough(decodeRecords(format)) as unknown as AsyncIterable<ParsedLine[]>
  return { batches, totalBytes, bytesRead: () => read }
}
