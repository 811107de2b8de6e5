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
 * Memory stays bounded by the longest allowed line, whatever the input size. Deterministic: two splitters
 * fed the same bytes give the same lines, however the bytes were chunked (threads rely on that).
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8')
  private pending = ''
  private lineNo = 0
  private skipping = false
  private first = true

  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** the lines completed by these bytes */
  push(bytes: Uint8Array): TextLine[] {
    const out: TextLine[] = []
    this.split(this.decoder.decode(bytes, { stream: true }), out)
    return out
  }

  /** the last line, when the input does not end with a newline */
  end(): TextLine[] {
    const out: TextLine[] = []
    this.split(this.decoder.decode(), out)
    if (this.pending.length > 0 || this.skipping) this.emit(this.pending, out)
    this.pending = ''
    return out
  }

  private split(chunk: string, out: TextLine[]): void {
    let start = 0
    for (;;) {
      const nl = chunk.indexOf('\n', start)
      if (nl < 0) break
      const piece = chunk.slice(start, nl)
      this.emit(this.pending.length > 0 ? this.pending + piece : piece, out)
      this.pending = ''
      start = nl + 1
    }
    if (start < chunk.length) {
      if (this.skipping) return
      this.pending += chunk.slice(start)
      // an overlong line is dropped as it streams, so a 10 GB line cannot exhaust memory
      if (this.pending.length > this.maxLineChars) {
        this.pending = ''
        this.skipping = true
      }
    }
  }

  private emit(text: string, out: TextLine[]): void {
    this.lineNo++
    if (this.first) {
      this.first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (this.skipping) {
      this.skipping = false
      out.push({ line: this.lineNo, text: '', tooLong: true })
      return
    }
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1)
    if (text.length > this.maxLineChars) out.push({ line: this.lineNo, text: '', tooLong: true })
    else out.push({ line: this.lineNo, text })
  }
}
