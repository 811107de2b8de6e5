import { ScreeningError, type Screener, type TransferRecord } from '../core/index.ts'

/** Takes a stored transfer into a screener's windows at warm-up; one the rules cannot take (e.g. a currency with no rate) could not have been screened either. */
export function observeTransfer(screener: Pick<Screener, 'observe'>, record: TransferRecord): void {
  try {
    screener.observe(record)
  } catch (err) {
    if (!(err instanceof ScreeningError)) throw err
  }
}
