import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

/**
 * Bytes read at a time and handed to the decoder as one block: about 100 records. Text is decoded only when
 * its block is screened, and a block's lines are alive until its last slice is parsed, so blocks stay small
 * enough for their lines to die young.
 */
export const BLOCK_BYTES = 1 << 16

/** A file (or stdin for "-") in blocks of bytes cut anywhere, even inside a line, with the byte count for progress. */
export interface ByteBlocks {
  blocks: AsyncIterable<Uint8Array>
  totalBytes: number | undefined
  bytesRead(): number
}

export async function openByteBlocks(path: string, blockBytes = BLOCK_BYTES): Promise<ByteBlocks> {
  const totalBytes = path === '-' ? undefined : (await stat(path)).size
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: blockBytes })
  const counter = { read: 0 }
  return { blocks: joined(input as AsyncIterable<Uint8Array>, blockBytes, counter), totalBytes, bytesRead: () => counter.read }
}

async function* joined(chunks: AsyncIterable<Uint8Array>, minBytes: number, counter: { read: number }): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = []
  let size = 0
  for await (const chunk of chunks) {
    counter.read += chunk.length
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
