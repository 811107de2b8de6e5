import type { TextLine } from './lines.ts'
import type { ParsedLine } from './parsed-line.ts'

/** Lines to validated records, incrementally; some formats keep state across lines (a CSV header), so one per input. */
export interface RecordParser {
  readonly reads?: 'lines'
  push(lines: readonly TextLine[]): ParsedLine[]
  /** what is still open at the end of input */
  end(): ParsedLine[]
}

/** Decoded text, cut anywhere, to validated records: for formats whose records are not lines (XML messages). */
export interface TextRecordParser {
  readonly reads: 'text'
  push(text: string): ParsedLine[]
  /** what is still open at the end of input */
  end(): ParsedLine[]
}

/**
 * One input format: what every surface needs to accept it (the CLI's `--format` and detection, the service's
 * upload media types, the API document) and the parser that reads it. A format is one file exporting one of
 * these, plus its line in `input-formats.ts`.
 */
export interface InputFormatSpec<Name extends string = string> {
  readonly name: Name
  /** how help and messages call it, e.g. "CSV" */
  readonly title: string
  /** media types an upload in this format may declare, lower case; the first is the one documented */
  readonly mediaTypes: readonly string[]
  /** file name endings that mean this format, lower case with the dot */
  readonly extensions: readonly string[]
  /**
   * whether an input whose first line is `firstLine` (byte-order mark removed) looks like this format; `head` is
   * the input's first few KiB as text, for formats a first line cannot tell apart (XML messages)
   */
  sniff(firstLine: string, head: string): boolean
  /** a parser for one input, of its lines or of its text */
  parser(): RecordParser | TextRecordParser
  /** what the API document shows for an upload: each line one JSON record (the record schema), or an example body */
  readonly documented: 'json-record-lines' | { example: string }
}
