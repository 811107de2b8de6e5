import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'

/** A file (or stdin for "-") as a web byte stream, with the byte count for progress. */
export interface ByteSource {
  bytes: ReadableStream<Uint8Array>
  totalBytes: number | undefined
  bytesRead(): number
}

export async function openBytes(path: string, chunkBytes = 1 << 16): Promise<ByteSource> {
  const totalBytes = path === '-' ? undefined : (await stat(path)).size
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: chunkBytes })
  let read = 0
  input.on('data', (chunk: Buffer | string) => {
    read += chunk.length
  })
  const bytes = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>
  return { bytes, totalBytes, bytesRead: () => read }
}

/** 2 MiB, about 3,500 records of 600 bytes: what the threaded batch reads at once; its first block is the sample the rules are split by */
export const BLOCK_BYTES = 2 << 20
/**
 * 64 KiB, about 100 records: enough for one thread. A 2 MiB block's records, parsed at once, outgrow V8's young
 * generation and get promoted: under `--max-memory 1024` 1M records peaked at 982 MiB instead of 907.
 */
export const SMALL_BLOCK_BYTES = 1 << 16

/**
 * The same in blocks of at least `minBytes` (cut anywhere, even inside a line), for `BlockDecoder`: text is
 * decoded only when a block is screened, so it dies young instead of waiting in a queue long enough to be
 * promoted to the old generation.
 */
export async function openByteBlocks(path: string, minBytes = BLOCK_BYTES): Promise<Omit<ByteSource, 'bytes'> & { blocks: AsyncIterable<Uint8Array> }> {
  const { bytes, totalBytes, bytesRead } = await openBytes(path, Math.min(minBytes, 1 << 20))
  return { blocks: joined(bytes as unknown as AsyncIterable<Uint8Array>, minBytes), totalBytes, bytesRead }
}

async function* joined(chunks: AsyncIterable<Uint8Array>, minBytes: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = []
  let size = 0
  for await (const chunk of chunks) {
    parts.push(chunk)
    size += chunk.length
    if (size >= minBytes) {
      yield concat(parts, size)
      parts = []
      size = 0
    }
  }
  if (size > 0) yield concat(parts, size)
}

/** one buffer of exactly `size` bytes, owning its memory (not a view into a larger read buffer) */
function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
