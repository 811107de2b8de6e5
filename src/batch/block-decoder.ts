import { LineSplitter, recordParser, type InputFormat, type ParsedLine, type RecordParser } from '../core/index.ts'

/**
 * Blocks of input bytes to records (or error lines), in order. The main thread and every worker run one
 * each over the same blocks, so record i of a block is the same record on every thread.
 */
export class BlockDecoder {
  private readonly splitter = new LineSplitter()
  private readonly parser: RecordParser

  constructor(format: InputFormat) {
    this.parser = recordParser(format)
  }

  /** the records a block completes; null marks the end of the input */
  decode(bytes: Uint8Array | null): ParsedLine[] {
    if (bytes) return this.parser.push(this.splitter.push(bytes))
    const last = this.parser.push(this.splitter.end())
    const open = this.parser.end()
    return open.length > 0 ? [...last, ...open] : last
  }
}
