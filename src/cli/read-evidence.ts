import { readFile } from 'node:fs/promises'
import { decodeBlocks, type TransferRecord, type Verdict } from '../core/index.ts'
import { openInput } from './input-source.ts'

/**
 * The records whose ids are wanted, read from a file of any input format (the batch's input), and the
 * alerting verdicts among them from a verdicts file when one is given. Other records are passed over, so
 * memory follows the cases, not the file.
 */
export async function readEvidence(
  recordsPath: string,
  verdictsPath: string | undefined,
  wanted: ReadonlySet<string>,
): Promise<{ records: Map<string, TransferRecord>; verdicts: Map<string, Verdict> | undefined }> {
  const records = new Map<string, TransferRecord>()
  const source = await openInput(recordsPath, undefined)
  for await (const slice of decodeBlocks(source.blocks, source.format)) {
    for (const parsed of slice) if (parsed.ok && wanted.has(parsed.record.id)) records.set(parsed.record.id, parsed.record)
  }
  if (verdictsPath === undefined) return { records, verdicts: undefined }
  const verdicts = new Map<string, Verdict>()
  for (const line of (await readFile(verdictsPath, 'utf8')).split('\n')) {
    if (!line.includes('"decision"')) continue
    const v = JSON.parse(line) as Verdict
    if (v.decision !== 'clear' && wanted.has(v.id)) verdicts.set(v.id, v)
  }
  return { records, verdicts }
}
