import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ScreeningError } from '../core/index.ts'
import { isDatabaseUnavailable, PoolSaturatedError } from '../store/errors.ts'
import { IdempotencyKeyReusedError, NoActiveRulesetError, NoReportingEntityError, TransferIdReusedError, TransferInFlightError, UnknownCaseError, UnreportableCaseError } from '../service/errors.ts'
import { WriterOverloadedError } from '../service/write-behind.ts'
import type { AppEnv } from './env.ts'
import { Problem } from './problem.ts'

/** The one place where errors become HTTP responses. */
export function toProblemResponse(err: unknown, c: Context<AppEnv>): Response {
  const logger = c.var.deps?.logger
  const report = logger ? (e: unknown) => logger.error({ reqId: c.var.reqId, err: e }, 'unexpected error') : undefined
  return asProblem(err, report).toResponse(new URL(c.req.url).pathname)
}

const toConsole = (err: unknown) => console.error('txscreen: unexpected error', err)

/** The problem an error answers with; an unexpected one is reported (to the console unless told otherwise). */
export function asProblem(err: unknown, report: (err: unknown) => void = toConsole): Problem {
  if (err instanceof Problem) return err
  if (err instanceof TransferInFlightError) return new Problem(503, 'in-flight', 'Transfer being screened', err.message, {}, { 'retry-after': '1' })
  if (err instanceof WriterOverloadedError) {
    return new Problem(503, 'saturated', 'Overloaded', 'Too many screening calls are waiting for the database; no decision was made. Retry shortly.', {}, { 'retry-after': '1' })
  }
  if (causedBy(err, PoolSaturatedError)) {
    return new Problem(503, 'saturated', 'Database connections busy', 'Every database connection of this server is in use; no decision was made. Retry shortly.', {}, { 'retry-after': '1' })
  }
  if (err instanceof NoActiveRulesetError) {
    return new Problem(503, 'no-active-ruleset', 'No active rule set', err.message, {}, { 'retry-after': '5' })
  }
  if (err instanceof IdempotencyKeyReusedError) {
    return new Problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', err.message, { batch: err.batchId })
  }
  if (err instanceof TransferIdReusedError) {
    return new Problem(409, 'transfer-id-reused', 'Transfer id reused', err.message, { id: err.transferId })
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
  report(err)
  return new Problem(500, 'internal', 'Internal error', 'An unexpected error occurred; it has been logged.')
}

/** True when `err` or one of its causes is a `type`. */
function causedBy(err: unknown, type: new (...args: any[]) => Error): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (e instanceof type) return true
  return false
}
