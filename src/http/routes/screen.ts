import { inputFormats, VerdictSchema } from '../../core/index.ts'
import type { ApiApp } from '../app.ts'
import { readAll } from '../body.ts'
import { jsonBody, jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute, builtResponse } from '../openapi/route.ts'
import { TransferRecordDoc } from '../schemas.ts'
import { SCREEN_PATH, SCREEN_ROLES, screenCall } from '../screen-call.ts'

const screenTransfer = apiRoute({
  method: 'post',
  path: SCREEN_PATH,
  operationId: 'screenTransfer',
  tags: ['screening'],
  roles: SCREEN_ROLES,
  // screenCall checks the key, as it does on Node's direct path
  rolesCheckedByHandler: true,
  summary: 'Screen one transfer in real time',
  description:
    "Scores the transfer against the active rule set, taking into account every entity's history (sender, receiver, phones, devices, ...), and records it in that history; the answer comes once the transfer and its verdict are committed to the database. A retry with the same transfer id is answered the same way and not counted twice. Body at most 64 KiB: a JSON record, or a pacs.008 message of one transaction (`Content-Type: application/xml`). If the store does not answer within TXSCREEN_SCREEN_TIMEOUT_MS (default 1000) the answer is 503 and no decision was made.",
  request: {
    body: {
      ...jsonBody(TransferRecordDoc),
      content: { ...jsonBody(TransferRecordDoc).content, 'application/xml': { schema: { type: 'string' as const, description: 'an ISO 20022 pacs.008 (001.08 to 001.12) of one CdtTrfTxInf, mapped as docs/interop.md says' }, example: inputFormats.named('pacs008')!.documented.example } },
    },
  },
  responses: {
    200: {
      description: 'the verdict; for a pacs.008 body with `Accept: application/xml`, a pacs.002 status report (ACSP clear, PDNG review, RJCT block, with a StsRsnInf per hit)',
      content: { ...jsonContent(VerdictSchema), 'application/xml': { schema: { type: 'string' as const } } },
    },
    400: { description: 'the record is invalid; `issues` lists each field (for a pacs.008 body, `path` names the element)', content: problemContent },
    413: { description: 'body over 64 KiB', content: problemContent },
    422: {
      description: 'the record cannot be scored, e.g. a currency without a rate, or its time is more than TXSCREEN_MAX_FUTURE_SKEW_SECONDS (default 300) ahead of the server clock',
      content: problemContent,
    },
    429: { description: "past the key's rate of screening calls (TXSCREEN_RATE_SCREEN_PER_SECOND); Retry-After says when to retry", content: problemContent },
    503: { description: 'database unreachable (service-unavailable), at capacity (saturated) or no active rule set; no decision was made', content: problemContent },
  },
})

export function screenRoutes(app: ApiApp): void {
  // the whole call is in screenCall, which the Node server also runs directly for this path
  app.openapi(screenTransfer, async (c) => {
    const req = c.req.raw
    const reply = await screenCall(c.var.deps, {
      authorization: req.headers.get('authorization'),
      contentType: req.headers.get('content-type'),
      contentLength: req.headers.get('content-length'),
      accept: req.headers.get('accept'),
      text: (limit) => readAll(req, limit),
    })
    return builtResponse(c.body(reply.body, reply.status as 200, reply.headers))
  })
}
