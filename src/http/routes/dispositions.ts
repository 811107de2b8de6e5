import { z } from 'zod'
import { systemClock } from '../../core/index.ts'
import type { Db } from '../../store/db.ts'
import { dispositionLabels, dispositionsOf, recordDisposition, ruleOutcomes, type Disposition, type DispositionTarget, type Marked } from '../../store/dispositions.ts'
import { findAlert } from '../../store/verdicts.ts'
import type { ApiApp } from '../app.ts'
import { KiB, readJson } from '../body.ts'
import { actorOf, type Principal } from '../env.ts'
import { jsonBody, jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute, builtResponse } from '../openapi/route.ts'
import { notFound } from '../problem.ts'

const OUTCOMES = ['true_positive', 'false_positive', 'reported'] as const

export const DispositionInputSchema = z
  .object({
    outcome: z.enum(OUTCOMES).describe('true_positive: illicit; false_positive: benign; reported: illicit and reported to the FIU'),
    note: z.string().max(4000).default(''),
  })
  .strict()
  .meta({ id: 'DispositionInput' })

export const DispositionSchema = z
  .object({
    id: z.string(),
    target: z.object({ kind: z.enum(['alert', 'case']), id: z.string() }),
    outcome: z.enum(OUTCOMES),
    note: z.string(),
    transfers: z.array(z.string()).describe('the transfers the mark applies to'),
    rules: z.array(z.string()),
    typologies: z.array(z.string()),
    actor: z.string(),
    at: z.string(),
  })
  .meta({ id: 'Disposition' })

const RuleOutcomesSchema = z
  .object({
    period: z.enum(['day', 'week', 'month']),
    from: z.string(),
    to: z.string(),
    rules: z.array(
      z.object({
        rule: z.string(),
        period: z.string().describe('start of the period'),
        alerts: z.number().int(),
        truePositive: z.number().int(),
        falsePositive: z.number().int(),
        reported: z.number().int(),
        alertsPerReport: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'RuleOutcomes' })

const AlertParam = z.object({ id: z.string().describe('alert id, as GET /v1/alerts gives it') })

/** The routes that mark an alert or a case and list its marks: POST {base}/{id}/disposition, GET {base}/{id}/dispositions. */
export function markRoutes<const K extends 'alert' | 'case', P extends z.ZodObject<{ id: z.ZodString }>>(kind: K, params: P, description: string) {
  const tag = `${kind}s` as const
  const notFoundResponse = { description: `no such ${kind}`, content: problemContent }
  return {
    mark: apiRoute({
      method: 'post', path: `/v1/${tag}/{id}/disposition`, operationId: `mark${kind === 'alert' ? 'Alert' : 'Case'}`, tags: [tag], roles: ['analyst'],
      summary: `Mark one of the tenant's ${tag} true positive, false positive or reported, with a note (audited)`,
      description,
      request: { params, body: jsonBody(DispositionInputSchema) },
      responses: { 201: { description: 'recorded', content: jsonContent(DispositionSchema) }, 404: notFoundResponse },
    }),
    list: apiRoute({
      method: 'get', path: `/v1/${tag}/{id}/dispositions`, operationId: `${kind}Dispositions`, tags: [tag], roles: ['analyst'],
      summary: `The marks of one of the tenant's ${tag}, oldest first`,
      request: { params },
      // an alert's marks are listed whether or not the alert is still stored; a case must be the tenant's
      responses: { 200: { description: 'marks', content: jsonContent(z.object({ dispositions: z.array(DispositionSchema) })) }, ...(kind === 'case' && { 404: notFoundResponse }) },
    }),
  }
}

const alertMarks = markRoutes('alert', AlertParam, 'Every mark is kept; the latest counts. Marks are the labels of `GET /v1/dispositions/labels` and the outcomes of `GET /v1/rules/outcomes`.')

const labels = apiRoute({
  method: 'get', path: '/v1/dispositions/labels', operationId: 'dispositionLabels', tags: ['alerts'], roles: ['analyst'],
  summary: 'Marks as labels.csv, for txscreen eval and txscreen rules diff',
  description: 'id,is_illicit,instance_id,typology: every transfer of a marked alert or case, illicit unless its latest mark is false_positive.',
  responses: { 200: { description: 'labels.csv', content: { 'text/csv': { schema: { type: 'string' as const } } } } },
})

const OutcomeQuery = z.object({
  period: z.enum(['day', 'week', 'month']).default('week'),
  from: z.iso.datetime({ offset: true }).optional().describe('default: 90 days before `to`'),
  to: z.iso.datetime({ offset: true }).optional().describe('default: now'),
})

const outcomes = apiRoute({
  method: 'get', path: '/v1/rules/outcomes', operationId: 'ruleOutcomes', tags: ['rulesets'], roles: ['analyst'],
  summary: 'Per rule and period: alerts, marks by outcome, and alerts per report',
  request: { query: OutcomeQuery },
  responses: { 200: { description: 'outcomes', content: jsonContent(RuleOutcomesSchema) }, 400: { description: 'bad query', content: problemContent } },
})

const DAY_MS = 86_400_000

/**
 * Reads a mark from the request body and records it, audited, for the alert or case `find` gives in the caller's
 * tenant (what it stands for: transfers, rules, typologies, when it alerted); 404 when it gives nothing.
 */
export async function markFromRequest(
  db: Db,
  principal: Principal,
  req: Request,
  kind: DispositionTarget,
  id: string,
  find: (tenant: string) => Promise<Pick<Marked, 'transfers' | 'rules' | 'typologies' | 'alertedAt'> | undefined>,
): Promise<Disposition> {
  const body = await readJson(req, DispositionInputSchema, 8 * KiB)
  const found = await find(principal.tenant)
  if (!found) throw notFound(`There is no ${kind} ${id}.`)
  return recordDisposition(db, { tenant: principal.tenant, kind, id, ...found }, { outcome: body.outcome, note: body.note, actor: actorOf(principal) })
}

export function dispositionRoutes(app: ApiApp): void {
  app.openapi(alertMarks.mark, async (c) => {
    const { id } = c.req.valid('param')
    const disposition = await markFromRequest(c.var.deps.db, c.get('principal'), c.req.raw, 'alert', id, async (tenant) => {
      const alert = await findAlert(c.var.deps.db, tenant, id)
      return alert && { transfers: [alert.recordId], rules: alert.rules, typologies: alert.typologies, alertedAt: alert.alertedAt }
    })
    return c.json(disposition, 201)
  })

  app.openapi(alertMarks.list, async (c) => {
    const { id } = c.req.valid('param')
    return c.json({ dispositions: await dispositionsOf(c.var.deps.db, c.get('principal').tenant, 'alert', id) }, 200)
  })

  app.openapi(labels, async (c) => builtResponse(new Response(await dispositionLabels(c.var.deps.db, c.get('principal').tenant), { headers: { 'content-type': 'text/csv; charset=utf-8' } })))

  app.openapi(outcomes, async (c) => {
    const q = c.req.valid('query')
    const now = (c.var.deps.clock ?? systemClock).now()
    const to = q.to ?? new Date(now).toISOString()
    const from = q.from ?? new Date(Date.parse(to) - 90 * DAY_MS).toISOString()
    return c.json({ period: q.period, from, to, rules: await ruleOutcomes(c.var.deps.db, c.get('principal').tenant, q.period, from, to) }, 200)
  })
}
