import { z } from 'zod'
import { systemClock } from '../../core/index.ts'
import { dispositionLabels, dispositionsOf, recordDisposition, ruleOutcomes } from '../../store/dispositions.ts'
import { findAlert } from '../../store/verdicts.ts'
import type { ApiApp } from '../app.ts'
import { KiB, readJson } from '../body.ts'
import { actorOf } from '../env.ts'
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

const markAlert = apiRoute({
  method: 'post', path: '/v1/alerts/{id}/disposition', operationId: 'markAlert', tags: ['alerts'], roles: ['analyst'],
  summary: "Mark one of the tenant's alerts true positive, false positive or reported, with a note (audited)",
  description: 'Every mark is kept; the latest counts. Marks are the labels of `GET /v1/dispositions/labels` and the outcomes of `GET /v1/rules/outcomes`.',
  request: { params: AlertParam, body: jsonBody(DispositionInputSchema) },
  responses: { 201: { description: 'recorded', content: jsonContent(DispositionSchema) }, 404: { description: 'no such alert', content: problemContent } },
})

const alertDispositions = apiRoute({
  method: 'get', path: '/v1/alerts/{id}/dispositions', operationId: 'alertDispositions', tags: ['alerts'], roles: ['analyst'],
  summary: "An alert's marks, oldest first",
  request: { params: AlertParam },
  responses: { 200: { description: 'marks', content: jsonContent(z.object({ dispositions: z.array(DispositionSchema) })) } },
})

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

export function dispositionRoutes(app: ApiApp): void {
  app.openapi(markAlert, async (c) => {
    const { db } = c.var.deps
    const { id } = c.req.valid('param')
    const body = await readJson(c.req.raw, DispositionInputSchema, 8 * KiB)
    const principal = c.get('principal')
    const alert = await findAlert(db, principal.tenant, id)
    if (!alert) throw notFound(`No alert ${id}.`)
    const marked = { tenant: principal.tenant, kind: 'alert' as const, id, transfers: [alert.recordId], rules: alert.rules, typologies: alert.typologies, alertedAt: alert.alertedAt }
    const disposition = await recordDisposition(db, marked, { outcome: body.outcome, note: body.note, actor: actorOf(principal) })
    return c.json(disposition, 201)
  })

  app.openapi(alertDispositions, async (c) => {
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
