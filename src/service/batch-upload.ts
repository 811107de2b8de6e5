import { appendUploadChunk, readUploadChunk } from '../store/batches.ts'
import type { Db } from '../store/db.ts'

/** Stores a request body in pieces of about `chunkBytes`, in order; returns the bytes stored. */
export async function storeUpload(db: Db, batchId: string, body: ReadableStream<Uint8Array>, chunkBytes: number): Promise<number> {
  let parts: Uint8Array[] = []
  let size = 0
  let seq = 0
  let total = 0
  const write = async () => {
    if (size === 0) return
    await appendUploadChunk(db, batchId, seq++, concat(parts, size))
    total += size
    parts = []
    size = 0
  }
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    // large reads are cut to size: pieces stay bounded whatever the client's write sizes
    for (let at = 0; at < value.byteLength; ) {
      const take = Math.min(chunkBytes - size, value.byteLength - at)
      parts.push(value.subarray(at, at + take))
      size += take
      at += take
      if (size >= chunkBytes) await write()
    }
  }
  await write()
  return total
}

/** The stored upload as a byte stream again, one piece read at a time. */
export function readStoredUpload(db: Db, batchId: string, pieces: number): ReadableStream<Uint8Array> {
  let seq = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (seq >= pieces) return controller.close()
      const data = await readUploadChunk(db, batchId, seq)
      if (!data) throw new Error(`batch ${batchId}: upload piece ${seq} is missing`)
      seq++
      controller.enqueue(data)
    },
  })
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}
