import { TransferRecordSchema } from '../../core/index.ts'
import { screenRealtime } from '../../service/realtime.ts'
import { requireRole } from '../auth.ts'
import { KiB, readJson } from '../body.ts'
import { deadline } from '../deadline.ts'
import { jsonContent, problemContent, type RouteModule } from '../deps.ts'

const SCREEN_BODY_LIMIT = 64 * KiB

export const screenRoutes: RouteModule = {
  operations: [
    {
      method: 'post', path: '/v1/screen', operationId: 'screenTransfer', tag: 'screening', roles: ['screen'],
      summary: 'Screen one transfer in real time',
      description:
        "Scores the transfer against the active rule set, taking into account every entity's history (sender, receiver, phones, devices, ...) kept in the database, and records it in that history. A retry with the same transfer id is answered the same way and not counted twice. Body at most 64 KiB. If the store does not answer within TXSCREEN_SCREEN_TIMEOUT_MS (default 1000) the answer is 503 and no decision was made.",
      body: [{ contentType: 'application/json', schema: 'TransferRecord' }],
      responses: {
        200: { description: 'the verdict', content: jsonContent('Verdict') },
        400: { description: 'the record is invalid; `issues` lists each field', content: problemContent },
        413: { description: 'body over 64 KiB', content: problemContent },
        422: { description: 'the record cannot be scored, e.g. a currency without a rate', content: problemContent },
        503: { description: 'database unreachable or no active rule set; no decision was made', content: problemContent },
      },
    },
  ],
  mount(app, deps) {
    app.post('/v1/screen', deadline(deps.config.screenTimeoutMs), requireRole(deps.db, 'screen'), async (c) => {
      const record = await readJson(c.req.raw, TransferRecordSchema, SCREEN_BODY_LIMIT)
      const verdict = await screenRealtime(deps.db, deps.rulesets, record, { storeVerdicts: deps.config.storeVerdicts, watchlists: deps.lists?.current() })
      return c.json(verdict)
    })
  },
}
