import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { splitLines, type TextLine } from '../core/index.ts'

/** A file (or stdin for "-") as a web byte stream, with the byte count for progress. */
export interface ByteSource {
  bytes: ReadableStream<Uint8Array>
  totalBytes: number | undefined
  bytesRead(): number
}

export async function openBytes(path: string): Promise<ByteSource> {
  const totalBytes = path === '-' ? undefined : (await stat(path)).size
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 16 })
  let read = 0
  input.on('data', (chunk: Buffer | string) => {
    read += chunk.length
  })
  const bytes = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>
  return { bytes, totalBytes, bytesRead: () => read }
}

/** The same as batches of text lines, for screening on several threads. */
export async function openLines(path: string): Promise<Omit<ByteSource, 'bytes'> & { batches: AsyncIterable<TextLine[]> }> {
  const { bytes, totalBytes, bytesRead } = await openBytes(path)
  // Node's web streams are async iterable; the DOM typings do not say so
  return { batches: bytes.pipeThrough(splitLines()) as unknown as AsyncIterable<TextLine[]>, totalBytes, bytesRead }
}
