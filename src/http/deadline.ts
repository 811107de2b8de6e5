import type { MiddlewareHandler } from 'hono'
import { Problem } from './problem.ts'

/**
 * Answers 503 when the handler (auth included) has not finished within `ms`: a store that hangs rather
 * than refuses must not hold a caller that needs a decision now. Work already sent to the store may
 * still commit; a retry with the same transfer id is then recognised and not counted twice.
 */
export function deadline(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Problem(503, 'service-unavailable', 'Database unavailable', `The screening store did not answer within ${ms} ms; no decision was made. Retry shortly.`, {}, { 'retry-after': '1' }),
          ),
        ms,
      )
    })
    try {
      await Promise.race([next(), expired])
    } finally {
      clearTimeout(timer)
    }
  }
}
