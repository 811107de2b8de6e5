import { decodeBlocks } from '../io/block-decoder.ts'
import { chunksOf } from '../io/byte-blocks.ts'
import type { InputFormatSpec } from '../io/input-format.ts'
import type { ScreenedSlice, ScreeningEngine } from './engine.ts'

/**
 * Records in, outputs out: input bytes in `format`, cut anywhere, decoded a slice of lines at a time and
 * screened by `engine`; one output per record, in input order. Every batch path (the CLI on one thread or
 * several, the service's batches, eval) screens through here.
 */
export function screenBytes(
  input: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  format: InputFormatSpec,
  engine: ScreeningEngine,
): AsyncIterable<ScreenedSlice> {
  const blocks = input instanceof ReadableStream ? chunksOf(input) : input
  return engine.screen(decodeBlocks(blocks, format))
}
