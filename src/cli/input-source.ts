import { openByteBlocks, type ByteBlocks } from '../batch/line-source.ts'
import { inputFormats, withHead, type InputFormatSpec } from '../core/index.ts'

/** `--format NAME`'s line in a command's usage: the input formats' names */
export const FORMAT_USAGE = `[--format ${inputFormats.names.join('|')}]`

/** the help text on how a command picks its input format */
export const FORMAT_HELP = `Without --format, the input's format is the one its file name's ending says (${inputFormats.formats
  .map((f) => `${f.extensions.join(' ')}: ${f.name}`)
  .join('; ')}),\nelse the one its start looks like (an XML message by its namespace), else ${inputFormats.formats[0]!.name}.`

/** the format `--format` names, or undefined when it names none (the input then says); unknown names throw */
export function namedFormat(name: string | undefined): InputFormatSpec | undefined {
  if (name === undefined) return undefined
  const format = inputFormats.named(name)
  if (!format) throw new Error(`unknown format "${name}": use ${inputFormats.namesText()}`)
  return format
}

/** A file (or stdin for "-") in blocks of bytes, with its format: the one named, else the one the input says. */
export async function openInput(path: string, named: InputFormatSpec | undefined): Promise<ByteBlocks & { format: InputFormatSpec }> {
  const source = await openByteBlocks(path)
  if (named) return { ...source, format: named }
  const { head, blocks } = await withHead(source.blocks)
  return { ...source, blocks, format: inputFormats.detect(path, head) }
}
