import { decodeBlocks, inputFormats, type ParsedLine } from '../../src/core/index.ts'

/** Every parsed line of `text` in `format`, as a batch reads it. */
export async function decode(format: 'ndjson' | 'csv', text: string): Promise<ParsedLine[]> {
  async function* one() {
    yield new TextEncoder().encode(text)
  }
  const out: ParsedLine[] = []
  for await (const slice of decodeBlocks(one(), inputFormats.named(format)!)) out.push(...slice)
  return out
}

/** `ok:ID` for a record, `LINE:CODE:PATH` for an error line. */
export const outcome = (o: ParsedLine) => (o.ok ? `ok:${o.record.id}` : `${o.error.line}:${o.error.error.code}:${o.error.error.path}`)
