import type { ParsedLine } from '../io/parsed-line.ts'
import type { Case } from './cases.ts'
import type { ScreenOutput } from './stream.ts'

/** A slice of decoded lines and their outputs, one each, in input order. */
export interface ScreenedSlice {
  readonly lines: readonly ParsedLine[]
  readonly outputs: ScreenOutput[]
}

/**
 * What turns decoded lines into outputs: `InProcessEngine` runs every rule on this thread; the batch's
 * threaded engine (src/batch) splits the rules over worker threads. Either gives the same outputs.
 */
export interface ScreeningEngine {
  /** one screened slice per slice of `slices`, in the same order */
  screen(slices: AsyncIterable<readonly ParsedLine[]>): AsyncIterable<ScreenedSlice>
  /** the entity-level cases so far, when the engine keeps them */
  cases(): Case[]
  /** records that came more than the lateness allowance behind the latest event time before them */
  readonly outOfOrder: number
}
