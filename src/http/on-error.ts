import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ScreeningError } from '../core/index.ts'
import { isDatabaseUnavailable } from '../store/errors.ts'
import { NoActiveRulesetError, NoReportingEntityError, UnknownCaseError, UnreportableCaseError } from '../service/errors.ts'
import { WriterOverloadedError } from '../service/write-behind.ts'
import { Problem } from './problem.ts'

/** The one place where errors become HTTP responses. */
export function toProblemResponse(err: unknown, c: Context): Response {
  return asProblem(err).toResponse(new URL(c.req.url).pathname)
}

export function asProblem(err: unknown): Problem {
  if (err instanceof Problem) return err
  if (err instanceof WriterOverloadedError) {
    return new Problem(503, 'service-unavailable', 'Overloaded', 'Too many screening calls are waiting for the database; no decision was made. Retry shortly.', {}, { 'retry-after': '1' })
  }
  if (err instanceof NoActiveRulesetError) {
    return new Problem(503, 'no-active-ruleset', 'No active rule set', err.message, {}, { 'retry-after': '5' })
  }
  if (err instanceof UnknownCaseError) return new Problem(404, 'not-found', 'Not found', err.message)
  if (err instanceof NoReportingEntityError) return new Problem(501, 'no-reporting-entity', 'No reporting entity', err.message)
  if (err instanceof UnreportableCaseError) return new Problem(422, 'unreportable-case', 'Case cannot be reported', err.message)
  if (err instanceof ScreeningError) {
    return new Problem(422, 'unscreenable-record', 'Record cannot be screened', err.message, { code: err.code, ...(err.path ? { path: err.path } : {}) })
  }
  if (isDatabaseUnavailable(err)) {
    return new Problem(
      503,
      'service-unavailable',
      'Database unavailable',
      'The screening store cannot be reached right now; no decision was made. Retry shortly.',
      {},
      { 'retry-after': '1' },
    )
  }
  if (err instanceof HTTPException) {
    return new Problem(err.status, err.status === 404 ? 'not-found' : 'bad-request', err.message || 'Request error')
  }
  console.error('txscreen: unexpected error', err)
  return new Problem(500, 'internal', 'Internal error', 'An unexpected error occurred; it has been logged.')
}
