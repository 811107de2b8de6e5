import { z } from 'zod'
import type { Verdict } from '../../core/index.ts'
import { listAlerts, type AlertCursor } from '../../store/verdicts.ts'
import type { ApiApp } from '../app.ts'
import { audit } from '../../store/audit.ts'
import { actorOf } from '../env.ts'
import { jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { AlertPageSchema } from '../schemas.ts'

const AlertQuery = z.object({
  rule: z.string().optional().describe('rule id that fired'),
  typology: z.string().optional(),
  entity: z.string().optional().describe('a party id (ACC-1) or a state key (id:ACC-1, phone:447700900123)'),
  from: z.iso.datetime({ offset: true }).optional().describe('transfers at or after this time'),
  to: z.iso.datetime({ offset: true }).optional().describe('transfers before this time'),
  batch: z.string().optional().describe('only this batch'),
  cursor: z.string().refine((c) => parseCursor(c) !== undefined, 'a cursor from `next`, `poll` or an alert').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const MAX_BIGINT = 2n ** 63n - 1n

/** A feed position as the API writes it, `<transaction>-<row id>`; undefined when the text is not one. */
function parseCursor(text: string): AlertCursor | undefined {
  const m = /^(\d{1,19})-(\d{1,19})$/.exec(text)
  if (!m || BigInt(m[1]!) > MAX_BIGINT || BigInt(m[2]!) > MAX_BIGINT) return undefined
  return { tx: m[1]!, id: m[2]! }
}

const formatCursor = (c: AlertCursor) => `${c.tx}-${c.id}`

const listAlertsRoute = apiRoute({
  method: 'get', path: '/v1/alerts', operationId: 'listAlerts', tags: ['alerts'], roles: ['analyst'],
  summary: 'Review and block verdicts from batches and real-time calls',
  description:
    "The caller's tenant only, in the order they were written. Follow `next` (as `cursor`) until it is null; then poll from `poll`: alerts written later come after it (an alert appears once the transactions older than it have ended, so none is skipped when writes commit out of order).",
  request: { query: AlertQuery },
  responses: { 200: { description: 'a page of alerts', content: jsonContent(AlertPageSchema) }, 400: { description: 'bad filter', content: problemContent } },
})

export function alertRoutes(app: ApiApp): void {
  app.openapi(listAlertsRoute, async (c) => {
    const q = c.req.valid('query')
    const rows = await listAlerts(
      c.var.deps.db,
      { ...(q.rule && { rule: q.rule }), ...(q.typology && { typology: q.typology }), ...(q.entity && { entity: q.entity }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }), ...(q.batch && { batchId: q.batch }), tenant: c.get('principal').tenant },
      { ...(q.cursor && { after: parseCursor(q.cursor)! }), limit: q.limit + 1 },
    )
    const page = rows.slice(0, q.limit)
    // stored alerts are verdicts as the screener wrote them
    const alerts = page.map((r) => ({
      id: r.id,
      cursor: formatCursor(r.cursor),
      batchId: r.batchId,
      createdAt: r.createdAt,
      occurredAt: r.occurredAt,
      verdict: r.output as Verdict,
    }))
    const last = alerts.at(-1)?.cursor
    await audit(c.var.deps.db, { actor: actorOf(c.get('principal')), action: 'alerts.read', target: '/v1/alerts', details: { query: q, alerts: alerts.length } })
    return c.json({ alerts, next: rows.length > q.limit ? last! : null, poll: last ?? q.cursor ?? null }, 200)
  })
}
