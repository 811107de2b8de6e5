import { Problem } from './problem.ts'

export function deadlineProblem(ms: number): Problem {
  return new Problem(
    503,
    'service-unavailable',
    'Database unavailable',
    `The screening store did not answer within ${ms} ms; no decision was made. Retry shortly.`,
    {},
    { 'retry-after': '1' },
  )
}

/**
 * Settles as `work` does, or rejects with a 503 problem after `ms`: a store that hangs rather than
 * refuses must not hold a caller that needs a decision now. Work already sent to the store may still
 * commit; a retry with the same transfer id is then recognised and not counted twice.
 */
export function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  // one promise and one timer a call (Promise.race with .finally made four promises): this runs on every screen call
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(deadlineProblem(ms)), ms)
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (err: unknown) => {
        clearTimeout(timer)
        reject(err)
      },
    )
  })
}
