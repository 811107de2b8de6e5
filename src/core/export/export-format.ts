import type { Case } from '../screen/cases.ts'
import type { CaseTransfer } from './case-transfers.ts'
import type { ScreenOutput } from '../screen/stream.ts'

/** What can be exported: a batch's outputs (one per input record), its entity-level cases, and the cases' transfers. */
export interface Exportable {
  outputs: ScreenOutput
  cases: Case
  transfers: CaseTransfer
}

/**
 * One way to write one kind of result. An export is `header` followed by the text of its items, encoded in
 * runs of any size (a streamed batch encodes each group as it comes): the runs' texts simply join. A new export
 * is one file exporting one of these, plus its line in `exports.ts`.
 */
export interface ExportFormat<K extends keyof Exportable = keyof Exportable> {
  readonly name: string
  readonly of: K
  readonly mediaType: string
  /** file name endings that ask for this export, lower case with the dot */
  readonly extensions: readonly string[]
  /** what comes before the first item (a CSV header); empty when nothing does */
  readonly header: string
  encode(items: readonly Exportable[K][]): string
}
