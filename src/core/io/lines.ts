/** One logical line of input text with its 1-based line number. */
export interface TextLine {
  line: number
  text: string
  /** set when the line exceeded the limit: `text` is then empty and the rest of the line was skipped */
  tooLong?: boolean
}

export const DEFAULT_MAX_LINE_CHARS = 1 << 20

/**
 * Bytes to lines, incrementally: UTF-8 decoding, a byte-order mark, CRLF and overlong lines.
 * Memory stays bounded by the longest allowed line, whatever the input size.
 * Lines travel in arrays, one per input chunk, so stream overhead is paid per chunk and not per record.
 */
export function splitLines(maxLineChars = DEFAULT_MAX_LINE_CHARS): TransformStream<Uint8Array, TextLine[]> {
  const decoder = new TextDecoder('utf-8')
  let pending = ''
  let lineNo = 0
  let skipping = false
  let first = true

  const emitLine = (text: string, out: TextLine[]) => {
    lineNo++
    if (first) {
      first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (skipping) {
      skipping = false
      out.push({ line: lineNo, text: '', tooLong: true })
      return
    }
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1)
    if (text.length > maxLineChars) out.push({ line: lineNo, text: '', tooLong: true })
    else out.push({ line: lineNo, text })
  }

  const push = (chunk: string, out: TextLine[]) => {
    let start = 0
    for (;;) {
      const nl = chunk.indexOf('\n', start)
      if (nl < 0) break
      const piece = chunk.slice(start, nl)
      emitLine(pending.length > 0 ? pending + piece : piece, out)
      pending = ''
      start = nl + 1
    }
    if (start < chunk.length) {
      if (skipping) return
      pending += chunk.slice(start)
      // an overlong line is dropped as it streams, so a 10 GB line cannot exhaust memory
      if (pending.length > maxLineChars) {
        pending = ''
        skipping = true
      }
    }
  }

  return new TransformStream<Uint8Array, TextLine[]>({
    transform(chunk, controller) {
      const out: TextLine[] = []
      push(decoder.decode(chunk, { stream: true }), out)
      if (out.length > 0) controller.enqueue(out)
    },
    flush(controller) {
      const out: TextLine[] = []
      push(decoder.decode(), out)
      if (pending.length > 0 || skipping) emitLine(pending, out)
      if (out.length > 0) controller.enqueue(out)
    },
  })
}
