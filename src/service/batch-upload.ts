import { appendUploadChunk, readUploadChunk } from '../store/batches.ts'
import type { Db } from '../store/db.ts'

/**
 * Stores a request body as text pieces of about `chunkBytes`, in order; returns the bytes received.
 * Decoding as a stream keeps multi-byte characters whole across pieces; NUL, which PostgreSQL text
 * cannot hold and no valid record contains, becomes U+FFFD.
 */
export async function storeUpload(db: Db, batchId: string, body: ReadableStream<Uint8Array>, chunkBytes: number): Promise<number> {
  let parts: string[] = []
  let size = 0
  let bytes = 0
  let seq = 0
  let total = 0
  const write = async () => {
    if (size === 0) return
    await appendUploadChunk(db, batchId, seq++, parts.join('').replaceAll('\0', '\uFFFD'), bytes)
    total += bytes
    parts = []
    size = 0
    bytes = 0
  }
  const decoder = new TextDecoder()
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const text = decoder.decode(value, { stream: true })
    bytes += value.byteLength
    // large reads are cut to size: pieces stay bounded whatever the client's write sizes
    for (let at = 0; at < text.length; ) {
      let take = Math.min(chunkBytes - size, text.length - at)
      // never between the two halves of a surrogate pair (an emoji in a memo, say)
      if (at + take < text.length && isHighSurrogate(text.charCodeAt(at + take - 1))) take = take > 1 ? take - 1 : take + 1
      parts.push(text.slice(at, at + take))
      size += take
      at += take
      if (size >= chunkBytes) await write()
    }
  }
  const tail = decoder.decode()
  if (tail) {
    parts.push(tail)
    size += tail.length
  }
  await write()
  return total
}

/** characters of a stored piece encoded at a time: blocks the size the CLI reads, so their lines die young */
const BLOCK_CHARS = 64 * 1024

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** The stored upload as a byte stream again, one piece read at a time. */
export function readStoredUpload(db: Db, batchId: string, pieces: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let seq = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (seq >= pieces) return controller.close()
      const text = await readUploadChunk(db, batchId, seq)
      if (text === undefined) throw new Error(`batch ${batchId}: upload piece ${seq} is missing`)
      seq++
      // handed on in blocks, not as one piece of a megabyte
      for (let at = 0; at < text.length; ) {
        let end = Math.min(at + BLOCK_CHARS, text.length)
        if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++
        controller.enqueue(encoder.encode(text.slice(at, end)))
        at = end
      }
    },
  })
}
