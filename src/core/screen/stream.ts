import type { LineError } from '../errors.ts'
import type { ParsedLine } from '../io/parsed-line.ts'
import { ScreeningError, type Screener } from './screener.ts'
import type { Hit, Verdict } from './verdict.ts'

/** One output line per input record, in input order: a verdict or an error. */
export type ScreenOutput = Verdict | LineError

export function isLineError(out: ScreenOutput): out is LineError {
  return 'error' in out
}

/** Screens one decoded line; an unscreenable record becomes its error line. */
export function screenLine(screener: Screener, parsed: ParsedLine): ScreenOutput {
  if (!parsed.ok) return parsed.error
  try {
    return screener.screen(parsed.record)
  } catch (err) {
    return refused(parsed, err)
  }
}

/**
 * The hits of this screener's rules for one decoded line (its share, when the rules are split over threads:
 * `Screener.verdict` then takes every share's hits), or the line's error line.
 */
export function lineHits(screener: Screener, parsed: ParsedLine): Hit[] | LineError {
  if (!parsed.ok) return parsed.error
  try {
    return screener.hits(parsed.record)
  } catch (err) {
    return refused(parsed, err)
  }
}

/** the error line of a record the screener refused (a ScreeningError); anything else is a bug and is thrown */
function refused(parsed: ParsedLine & { ok: true }, err: unknown): LineError {
  if (err instanceof ScreeningError) {
    return { line: parsed.line, id: parsed.record.id, error: { code: err.code, message: err.message, ...(err.path && { path: err.path }) } }
  }
  throw err
}
