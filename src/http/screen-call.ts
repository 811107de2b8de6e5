import { authenticate, NO_KEY_CACHE } from './auth.ts'
import { checkJsonType, checkLength, parseJsonText } from './body.ts'
import { withDeadline } from './deadline.ts'
import type { AppDeps } from './deps.ts'
import { asProblem } from './on-error.ts'
import { transferFromBody } from './record-body.ts'

export const SCREEN_PATH = '/v1/screen'
export const SCREEN_BODY_LIMIT = 64 * 1024
/** who may screen, besides admin: enforced here and stated in the API document */
export const SCREEN_ROLES = ['screen'] as const

/** What `POST /v1/screen` needs from a request, whichever server received it. */
export interface ScreenRequest {
  authorization: string | null | undefined
  contentType: string | null | undefined
  contentLength: string | null | undefined
  /** the whole body as text; fails with a 413 problem past `limit` bytes */
  text(limit: number): Promise<string>
}

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

const JSON_HEADERS = { 'content-type': 'application/json' }

/**
 * `POST /v1/screen` from end to end: deadline, key, body, validation, screening, and every failure as a
 * problem. The Hono route and the Node server's direct path both answer through it, so they cannot differ.
 */
export function screenCall(deps: AppDeps, req: ScreenRequest): Promise<Reply> {
  return withDeadline(deps.config.screenTimeoutMs, screen(deps, req)).then(
    (json) => ({ status: 200, headers: JSON_HEADERS, body: json }),
    (err: unknown) => {
      const problem = asProblem(err)
      const { body, headers } = problem.render(SCREEN_PATH)
      return { status: problem.status, headers, body }
    },
  )
}

async function screen(deps: AppDeps, req: ScreenRequest): Promise<string> {
  const principal = await authenticate(deps.db, deps.apiKeys ?? NO_KEY_CACHE, req.authorization ?? undefined, SCREEN_ROLES)
  deps.rateLimiter?.take(principal.keyId, 'screenPerSecond')
  checkLength(req.contentLength, SCREEN_BODY_LIMIT)
  checkJsonType(req.contentType)
  const record = transferFromBody(parseJsonText(await req.text(SCREEN_BODY_LIMIT)))
  const { verdict, json } = await deps.realtime!.screen(record)
  deps.metrics?.decisions('realtime', verdict.decision, 1)
  return json
}
