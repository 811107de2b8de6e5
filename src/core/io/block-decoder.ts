import type { InputFormatSpec, RecordParser, TextRecordParser } from './input-format.ts'
import { DEFAULT_MAX_LINE_CHARS, LineSplitter } from './lines.ts'
import type { ParsedLine } from './parsed-line.ts'

/**
 * Lines parsed at a time. A block's records parsed all at once would all be alive whenever the young
 * generation fills, so every scavenge would copy them (and promote them to the old generation); a slice
 * is used before the next is parsed, so its records die young.
 */
export const SLICE_LINES = 128

/**
 * Blocks of input bytes, cut anywhere, to records (or error lines), in input order, a slice of lines at a
 * time: however the bytes were cut, the same lines give the same records.
 */
export class BlockDecoder {
  readonly #splitter: LineSplitter
  readonly #parser: RecordParser | TextRecordParser
  readonly #text = new TextDecoder('utf-8')

  constructor(format: InputFormatSpec, maxLineChars = DEFAULT_MAX_LINE_CHARS) {
    this.#splitter = new LineSplitter(maxLineChars)
    this.#parser = format.parser()
  }

  /** the records a block completes, a slice at a time, each parsed only when the one before has been used; null ends the input */
  *slices(bytes: Uint8Array | null): Generator<ParsedLine[]> {
    if (this.#parser.reads === 'text') return yield* this.#textSlices(this.#parser, bytes)
    const lines = bytes ? this.#splitter.push(bytes) : this.#splitter.end()
    for (let from = 0; from < lines.length; from += SLICE_LINES) {
      const slice = this.#parser.push(lines.slice(from, from + SLICE_LINES))
      if (slice.length > 0) yield slice
    }
    if (!bytes) {
      const rest = this.#parser.end()
      if (rest.length > 0) yield rest
    }
  }

  /** a text format's records: a block's text at once (a block holds a few dozen messages' transactions), cut into slices */
  *#textSlices(parser: TextRecordParser, bytes: Uint8Array | null): Generator<ParsedLine[]> {
    const parsed = bytes ? parser.push(this.#text.decode(bytes, { stream: true })) : [...parser.push(this.#text.decode()), ...parser.end()]
    for (let from = 0; from < parsed.length; from += SLICE_LINES) yield parsed.slice(from, from + SLICE_LINES)
  }
}

/** Every slice of records in `blocks`, in input order; slices are never empty. */
export async function* decodeBlocks(blocks: AsyncIterable<Uint8Array>, format: InputFormatSpec, maxLineChars?: number): AsyncGenerator<ParsedLine[]> {
  const decoder = new BlockDecoder(format, maxLineChars)
  for await (const block of blocks) yield* decoder.slices(block)
  yield* decoder.slices(null)
}
