import { inputFormats, SNIFF_BYTES, type InputFormat } from '../core/index.ts'

/**
 * An upload's input format from its Content-Type; when several formats share the media type (`application/xml`:
 * pacs.008 and pain.001), from the body's first KiB too, which are read and handed on again in the returned body.
 */
export async function uploadFormat(contentType: string, body: ReadableStream<Uint8Array>): Promise<{ format: InputFormat | undefined; body: ReadableStream<Uint8Array> }> {
  if (!inputFormats.mediaTypeNeedsHead(contentType)) return { format: inputFormats.forMediaType(contentType)?.name, body }
  const reader = body.getReader()
  const head: Uint8Array[] = []
  let size = 0
  let done = false
  while (size < SNIFF_BYTES) {
    const next = await reader.read()
    if (next.done) {
      done = true
      break
    }
    head.push(next.value)
    size += next.value.byteLength
  }
  const joined = new Uint8Array(size)
  let at = 0
  for (const chunk of head) {
    joined.set(chunk, at)
    at += chunk.byteLength
  }
  const again = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk)
      if (done) controller.close()
    },
    async pull(controller) {
      const next = await reader.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return { format: inputFormats.forMediaType(contentType, joined)?.name, body: again }
}
