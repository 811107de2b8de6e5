import { LineSplitter, recordParser, type InputFormat, type ParsedLine, type RecordParser } from '../core/index.ts'

/**
 * Records parsed at a time within a block. A 2 MiB block holds about 3,500 records; parsed all at once they
 * are all alive whenever the young generation fills, so every scavenge copies them (and promotes them to the
 * old generation): 128 at a time die young.
 */
const SLICE_LINES = 128

/**
 * Blocks of input bytes, cut anywhere, to records (or error lines), in input order: however the bytes were
 * cut, the same lines give the same records.
 */
export class BlockDecoder {
  private readonly splitter = new LineSplitter()
  private readonly parser: RecordParser

  constructor(format: InputFormat) {
    this.parser = recordParser(format)
  }

  /** the records a block completes, all at once; null marks the end of the input */
  decode(bytes: Uint8Array | null): ParsedLine[] {
    const out: ParsedLine[] = []
    for (const slice of this.slices(bytes)) for (const p of slice) out.push(p)
    return out
  }

  /** the same records a few at a time, each slice parsed only when the one before has been used */
  *slices(bytes: Uint8Array | null): Generator<ParsedLine[]> {
    const lines = bytes ? this.splitter.push(bytes) : this.splitter.end()
    for (let from = 0; from < lines.length; from += SLICE_LINES) {
      yield this.parser.push(lines.slice(from, from + SLICE_LINES))
    }
    if (!bytes) yield this.parser.end()
  }
}
