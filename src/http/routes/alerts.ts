import { z } from 'zod'
import type { Verdict } from '../../core/index.ts'
import { listAlerts } from '../../store/verdicts.ts'
import type { ApiApp } from '../app.ts'
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
  cursor: z.string().regex(/^\d+$/, 'a cursor from `next`').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const listAlertsRoute = apiRoute({
  method: 'get', path: '/v1/alerts', operationId: 'listAlerts', tags: ['alerts'], roles: ['analyst'],
  summary: 'Review and block verdicts from batches and real-time calls',
  description: "The caller's tenant only. Oldest first. Follow `next` (as `cursor`) until it is null; new alerts appear after the last cursor, so the same loop also polls.",
  request: { query: AlertQuery },
  responses: { 200: { description: 'a page of alerts', content: jsonContent(AlertPageSchema) }, 400: { description: 'bad filter', content: problemContent } },
})

export function alertRoutes(app: ApiApp): void {
  app.openapi(listAlertsRoute, async (c) => {
    const q = c.req.valid('query')
    const rows = await listAlerts(
      c.var.deps.db,
      { ...(q.rule && { rule: q.rule }), ...(q.typology && { typology: q.typology }), ...(q.entity && { entity: q.entity }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }), ...(q.batch && { batchId: q.batch }), tenant: c.get('principal').tenant },
      { ...(q.cursor && { after: q.cursor }), limit: q.limit + 1 },
    )
    const page = rows.slice(0, q.limit)
    // stored alerts are verdicts as the screener wrote them
    const alerts = page.map((r) => ({ id: r.id, batchId: r.batchId, createdAt: r.createdAt, occurredAt: r.occurredAt, verdict: r.output as Verdict }))
    return c.json({ alerts, next: rows.length > q.limit ? page[page.length - 1]!.id : null }, 200)
  })
}
