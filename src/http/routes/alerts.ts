import { z } from 'zod'
import { listAlerts } from '../../store/verdicts.ts'
import { requireRole } from '../auth.ts'
import { parseWith } from '../body.ts'
import { jsonContent, problemContent, type RouteModule } from '../deps.ts'

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

export const alertRoutes: RouteModule = {
  operations: [
    {
      method: 'get', path: '/v1/alerts', operationId: 'listAlerts', tag: 'alerts', roles: ['analyst'],
      summary: 'Review and block verdicts from batches and real-time calls',
      description: 'Oldest first. Follow `next` (as `cursor`) until it is null; new alerts appear after the last cursor, so the same loop also polls.',
      query: AlertQuery,
      responses: { 200: { description: 'a page of alerts', content: jsonContent('AlertPage') }, 400: { description: 'bad filter', content: problemContent } },
    },
  ],
  mount(app, deps) {
    app.get('/v1/alerts', requireRole(deps, 'analyst'), async (c) => {
      const q = parseWith(AlertQuery, c.req.query(), 'query')
      const rows = await listAlerts(
        deps.db,
        { ...(q.rule && { rule: q.rule }), ...(q.typology && { typology: q.typology }), ...(q.entity && { entity: q.entity }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }), ...(q.batch && { batchId: q.batch }) },
        { ...(q.cursor && { after: q.cursor }), limit: q.limit + 1 },
      )
      const page = rows.slice(0, q.limit)
      const alerts = page.map((r) => ({ id: r.id, batchId: r.batchId, createdAt: r.createdAt, occurredAt: r.occurredAt, verdict: r.output as never }))
      return c.json({ alerts, next: rows.length > q.limit ? page[page.length - 1]!.id : null })
    })
  },
}
