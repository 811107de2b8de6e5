/** A web byte stream as an async iterable (not every runtime's streams are); a reader that stops early cancels the stream. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  let ended = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) {
        ended = true
        return
      }
      yield value
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}

/** The first block of an input (to detect its format) and every block again, the first included. */
export async function withHead(blocks: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array | undefined; blocks: AsyncIterable<Uint8Array> }> {
  const source = blocks[Symbol.asyncIterator]()
  const first = await source.next()
  const head = first.done ? undefined : first.value
  async function* again(): AsyncGenerator<Uint8Array> {
    if (head === undefined) return
    yield head
    for (let next = await source.next(); !next.done; next = await source.next()) yield next.value
  }
  return { head, blocks: again() }
}
