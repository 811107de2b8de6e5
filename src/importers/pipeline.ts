import { mkdir } from 'node:fs/promises'
import { withBackground } from './background.ts'
import { ImportWriter, ReorderBuffer, type Imported } from './output.ts'

export interface ImportOptions {
  outDir: string
  /** id prefix: aw for AMLworld, as for AMLSim */
  prefix: string
  /** generated benign records to mix in; 0 for none */
  background?: number
  seed?: number
}

export interface ImportSummary {
  records: number
  illicit: number
  late: number
}

/** rows waiting to be put in time order; larger than the disorder seen in the benchmark files */
const REORDER_CAPACITY = 200_000

/**
 * Writes imported records and labels. Alone, records stream through a bounded reorder buffer and keep the id of
 * their source row (`aw-<row>`). With background they are held, mixed with generated benign records, and numbered
 * in output order, so an id does not tell a pattern row from a background one.
 */
export async function writeImport(source: AsyncIterable<Imported>, opts: ImportOptions): Promise<ImportSummary> {
  await mkdir(opts.outDir, { recursive: true })
  const out = new ImportWriter(opts.outDir)
  let late = 0
  if (opts.background && opts.background > 0) {
    const items: Imported[] = []
    for await (const item of source) items.push(item)
    let n = 0
    for await (const item of withBackground(items, opts.background, opts.seed ?? 1)) await out.write(`${opts.prefix}-${++n}`, item)
  } else {
    const buffer = new ReorderBuffer(REORDER_CAPACITY, (item) => out.write(`${opts.prefix}-${item.row}`, item))
    for await (const item of source) await buffer.push(item)
    await buffer.end()
    late = buffer.late
  }
  await out.close()
  return { records: out.count, illicit: out.illicit, late }
}
