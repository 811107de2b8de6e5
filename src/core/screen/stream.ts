import type { LineError } from '../errors.ts'
import type { ParsedLine } from '../io/parsed-line.ts'
import { ScreeningError, type Screener } from './screener.ts'
import type { Hit, Verdict } from './verdict.ts'

/** One output line per input record, in input order: a verdict or an error. */
export type ScreenOutput = Verdict | LineError

export function isLineError(out: ScreenOutput): out is LineError {
  return 'error' in out
}

/**
 * Screens one decoded line; an unscreenable record becomes its error line. With `withOthers`, the
 * screener runs a share of the rules and `withOthers` adds the hits of the other shares, in ruleset order.
 */
export function screenLine(screener: Screener, parsed: ParsedLine, withOthers?: (own: Hit[]) => Hit[]): ScreenOutput {
  if (!parsed.ok) return parsed.error
  try {
    if (withOthers) return screener.verdict(parsed.record, withOthers(screener.hits(parsed.record)))
    return screener.screen(parsed.record)
  } catch (err) {
    if (err instanceof ScreeningError) {
      return { line: parsed.line, id: parsed.record.id, error: { code: err.code, message: err.message, ...(err.path && { path: err.path }) } }
    }
    throw err
  }
}

export function screenParsed(screener: Screener): TransformStream<ParsedLine[], ScreenOutput[]> {
  return new TransformStream({
    transform(chunk, controller) {
      const out: ScreenOutput[] = new Array(chunk.length)
      for (let i = 0; i < chunk.length; i++) out[i] = screenLine(screener, chunk[i]!)
      controller.enqueue(out)
    },
  })
}
