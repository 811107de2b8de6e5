import { pacs002Report, readSinglePacs008, systemClock } from '../core/index.ts'
import { authenticateNow, NO_KEY_CACHE, type ConnectionKeyMemo } from './auth.ts'
import type { Principal } from './env.ts'
import { checkJsonType, checkLength } from './body.ts'
import { withDeadline } from './deadline.ts'
import { checkEventTime } from './event-time.ts'
import type { AppDeps } from './deps.ts'
import { asProblem } from './on-error.ts'
import { badRequest } from './problem.ts'
import { transferFromBodyText } from './record-body.ts'

export const SCREEN_PATH = '/v1/screen'
export const SCREEN_BODY_LIMIT = 64 * 1024
/** who may screen, besides admin: enforced here and stated in the API document */
export const SCREEN_ROLES = ['screen'] as const

/** What `POST /v1/screen` needs from a request, whichever server received it. */
export interface ScreenRequest {
  authorization: string | null | undefined
  contentType: string | null | undefined
  contentLength: string | null | undefined
  /** `application/xml` asks a pacs.008 call for a pacs.002 answer */
  accept?: string | null | undefined
  /** the connection's last Authorization header and its key hash, where the server keeps connections apart */
  keyMemo?: ConnectionKeyMemo | undefined
  /** the whole body as text; fails with a 413 problem past `limit` bytes */
  text(limit: number): Promise<string>
}

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const XML_HEADERS = { 'content-type': 'application/xml' }
const XML_TYPE = /^(?:application|text)\/xml\b/i

/**
 * `POST /v1/screen` from end to end: deadline, key, body, validation, screening, and every failure as a
 * problem. The Hono route and the Node server's direct path both answer through it, so they cannot differ.
 */
export function screenCall(deps: AppDeps, req: ScreenRequest): Promise<Reply> {
  return withDeadline(deps.config.screenTimeoutMs, screen(deps, req)).then(
    (answer) => ({ status: 200, ...answer }),
    (err: unknown) => {
      const problem = asProblem(err)
      const { body, headers } = problem.render(SCREEN_PATH)
      return { status: problem.status, headers, body }
    },
  )
}

async function screen(deps: AppDeps, req: ScreenRequest): Promise<{ headers: Record<string, string>; body: string }> {
  const authenticated = authenticateNow(deps.db, deps.apiKeys ?? NO_KEY_CACHE, req.authorization ?? undefined, SCREEN_ROLES, SCREEN_PATH, req.keyMemo)
  // no await (a turn of the microtask queue) for a cached key
  const caller = authenticated instanceof Promise ? await authenticated : authenticated
  deps.rateLimiter?.take(caller.keyId, 'screenPerSecond')
  checkLength(req.contentLength, SCREEN_BODY_LIMIT)
  if (XML_TYPE.test(req.contentType ?? '')) return screenPacs008(deps, req, caller)
  checkJsonType(req.contentType)
  const text = await req.text(SCREEN_BODY_LIMIT)
  const { record, json: recordJson } = transferFromBodyText(text)
  checkEventTime(record, deps.clock ?? systemClock, deps.config.maxFutureSkewMs)
  const { verdict, json } = await deps.realtime!.screen(record, { tenant: caller.tenant, keyId: caller.keyId }, recordJson)
  deps.metrics?.decisions('realtime', verdict.decision, 1)
  return { headers: JSON_HEADERS, body: json }
}

/** a pacs.008 of one transaction: the JSON verdict, or a pacs.002 status report when the caller accepts XML first */
async function screenPacs008(deps: AppDeps, req: ScreenRequest, caller: Principal): Promise<{ headers: Record<string, string>; body: string }> {
  const read = readSinglePacs008(await req.text(SCREEN_BODY_LIMIT))
  if (!read.ok) throw badRequest(`The pacs.008 body cannot be screened: ${read.error.error.message}`, { path: read.error.error.path, line: read.error.line })
  const clock = deps.clock ?? systemClock
  checkEventTime(read.record, clock, deps.config.maxFutureSkewMs)
  const { verdict, json } = await deps.realtime!.screen(read.record, { tenant: caller.tenant, keyId: caller.keyId })
  deps.metrics?.decisions('realtime', verdict.decision, 1)
  if (!prefersXml(req.accept)) return { headers: JSON_HEADERS, body: json }
  return { headers: XML_HEADERS, body: pacs002Report(verdict, read.refs, new Date(clock.now())) }
}

/** whether an Accept header names XML before (or without) JSON */
function prefersXml(accept: string | null | undefined): boolean {
  if (!accept) return false
  const xml = accept.search(/(?:application|text)\/xml/i)
  const json = accept.search(/application\/json/i)
  return xml >= 0 && (json < 0 || xml < json)
}
