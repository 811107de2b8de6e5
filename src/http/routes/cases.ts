import { z } from 'zod'
import { caseReportNames, exportForAccept, exportsOf } from '../../core/index.ts'
import { storedCaseReport, storedCaseTransfers } from '../../service/case-reports.ts'
import { getCase, listCases } from '../../store/cases.ts'
import type { ApiApp } from '../app.ts'
import { dispositionsOf } from '../../store/dispositions.ts'
import { jsonBody, jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute, builtResponse } from '../openapi/route.ts'
import { notFound } from '../problem.ts'
import { markFromRequest, markRoutes } from './dispositions.ts'
import { CasePageSchema, CaseTransferSchema, StoredCaseSchema } from '../schemas.ts'

const CaseQuery = z.object({
  minScore: z.coerce.number().min(0).optional().describe("cases whose score (the sum of their alerts' scores) is at least this"),
  since: z.iso.datetime({ offset: true }).optional().describe('cases with an alerting transfer at or after this time'),
  typology: z.string().optional().describe('cases with a hit of this typology'),
  status: z.enum(['open', 'true_positive', 'false_positive', 'reported']).optional().describe("cases whose latest disposition is this outcome; open: cases with none"),
  cursor: z.string().regex(/^\d+$/, 'a cursor from `next`').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
const CaseParam = z.object({ id: z.string().regex(/^c_[0-9a-f]{16}$/, 'a case id such as c_0123456789abcdef').describe('case id') })
const REPORT_PATH = z.object({ id: CaseParam.shape.id, report: z.enum(caseReportNames as [string, ...string[]]).describe('the report format') })
const textContent = (of: 'cases' | 'transfers') => Object.fromEntries(exportsOf(of).map((e) => [e.mediaType, { schema: { type: 'string' as const } }]))

const listCasesRoute = apiRoute({
  method: 'get', path: '/v1/cases', operationId: 'listCases', tags: ['cases'], roles: ['analyst'],
  summary: "The tenant's cases, from its batches and real-time alerts, for case managers",
  description: 'Oldest first. Follow `next` (as `cursor`) until it is null. With `Accept: text/csv`, the page as the cases CSV (the cursor of the next page in the `x-next-cursor` header).',
  request: { query: CaseQuery },
  responses: {
    200: { description: 'a page of cases', content: { ...jsonContent(CasePageSchema), ...textContent('cases') } },
    400: { description: 'bad filter', content: problemContent },
  },
})

const getCaseRoute = apiRoute({
  method: 'get', path: '/v1/cases/{id}', operationId: 'getCase', tags: ['cases'], roles: ['analyst'],
  summary: 'One case by its id',
  request: { params: CaseParam },
  responses: { 200: { description: 'the case', content: jsonContent(StoredCaseSchema) }, 404: { description: 'no such case', content: problemContent } },
})

const caseTransfersRoute = apiRoute({
  method: 'get', path: '/v1/cases/{id}/transfers', operationId: 'caseTransfers', tags: ['cases'], roles: ['analyst'],
  summary: "A case's evidence transfers, from the records kept for it",
  description: 'JSON, or CSV (or NDJSON) when Accept names its media type.',
  request: { params: CaseParam },
  responses: {
    200: { description: 'the transfers', content: { ...jsonContent(z.object({ transfers: z.array(CaseTransferSchema) })), ...textContent('transfers') } },
    404: { description: 'no such case', content: problemContent },
  },
})

const caseReportRoute = apiRoute({
  method: 'get', path: '/v1/cases/{id}/{report}', operationId: 'caseReport', tags: ['cases'], roles: ['analyst'],
  summary: 'A report of the case for the authorities (goaml: a goAML 5.0.1 suspicious-transaction report)',
  description: 'Built from the records kept for the case (TXSCREEN_EVIDENCE_RETENTION_DAYS), the reasons of its stored verdicts, the rates of the batch\'s rule set and the reporting-entity file (TXSCREEN_GOAML_ENTITY).',
  request: { params: REPORT_PATH },
  responses: {
    200: { description: 'the report', content: { 'application/xml': { schema: { type: 'string' as const } } } },
    404: { description: 'no such case', content: problemContent },
    422: { description: 'the case cannot be reported', content: problemContent },
    501: { description: 'no reporting-entity file is configured', content: problemContent },
  },
})

const caseMarks = markRoutes('case', CaseParam, "Every mark is kept; the latest counts (`GET /v1/cases?status=`). The mark covers the case's evidence transfers: they are labels in `GET /v1/dispositions/labels`.")

export function caseRoutes(app: ApiApp): void {
  app.openapi(caseMarks.mark, async (c) => {
    const { id } = c.req.valid('param')
    const disposition = await markFromRequest(c.var.deps.db, c.get('principal'), c.req.raw, 'case', id, async (tenant) => {
      const found = await getCase(c.var.deps.db, tenant, id)
      // a case's mark covers its evidence transfers; it alerted last when it was last seen
      return found && { transfers: found.case.evidence, rules: found.case.rules, typologies: found.case.typologies, alertedAt: found.case.lastSeen }
    })
    return c.json(disposition, 201)
  })

  app.openapi(caseMarks.list, async (c) => {
    const { id } = c.req.valid('param')
    const tenant = c.get('principal').tenant
    if (!(await getCase(c.var.deps.db, tenant, id))) throw notFound(`There is no case ${id}.`)
    return c.json({ dispositions: await dispositionsOf(c.var.deps.db, tenant, 'case', id) }, 200)
  })

  app.openapi(listCasesRoute, async (c) => {
    const q = c.req.valid('query')
    const rows = await listCases(
      c.var.deps.db,
      c.get('principal').tenant,
      { ...(q.minScore !== undefined && { minScore: q.minScore }), ...(q.since && { since: new Date(q.since).toISOString() }), ...(q.typology && { typology: q.typology }), ...(q.status && { status: q.status }) },
      { ...(q.cursor && { after: q.cursor }), limit: q.limit + 1 },
    )
    const page = rows.slice(0, q.limit)
    const next = rows.length > q.limit ? page[page.length - 1]!.cursor : null
    const asked = exportForAccept('cases', c.req.header('accept'))
    if (asked) {
      const headers: Record<string, string> = { 'content-type': asked.mediaType, ...(next && { 'x-next-cursor': next }) }
      return builtResponse(new Response(asked.header + asked.encode(page.map((r) => r.case)), { headers }))
    }
    return c.json({ cases: page.map((r) => ({ ...r.case, batchId: r.batchId })), next }, 200)
  })

  app.openapi(getCaseRoute, async (c) => {
    const found = await getCase(c.var.deps.db, c.get('principal').tenant, c.req.valid('param').id)
    if (!found) throw notFound(`There is no case ${c.req.valid('param').id}.`)
    return c.json({ ...found.case, batchId: found.batchId }, 200)
  })

  app.openapi(caseTransfersRoute, async (c) => {
    const transfers = await storedCaseTransfers(c.var.deps, c.get('principal').tenant, c.req.valid('param').id)
    const asked = exportForAccept('transfers', c.req.header('accept'))
    if (asked) return builtResponse(new Response(asked.header + asked.encode(transfers), { headers: { 'content-type': asked.mediaType } }))
    return c.json({ transfers }, 200)
  })

  app.openapi(caseReportRoute, async (c) => {
    const { id, report } = c.req.valid('param')
    const built = await storedCaseReport(c.var.deps, c.get('principal').tenant, id, report)
    return builtResponse(new Response(built.text, { headers: { 'content-type': built.mediaType } }))
  })
}
