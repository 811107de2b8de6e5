import { z } from 'zod'
import { requestBacktest } from '../../service/backtests.ts'
import { getBacktest, listBacktests, type BacktestInfo } from '../../store/backtests.ts'
import type { ApiApp } from '../app.ts'
import { KiB, parseWith, readJsonValue } from '../body.ts'
import { actorOf } from '../env.ts'
import { jsonBody, jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { badRequest, notFound } from '../problem.ts'

const VersionParam = z.object({ version: z.string().describe('the candidate: a version from GET /v1/rulesets') })
const BacktestParam = z.object({ id: z.string().regex(/^bt_[0-9a-f]{20}$/, 'a backtest id such as bt_0123456789abcdef0123').describe('backtest id') })

export const BacktestInputSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('records with a time at or after this'),
    to: z.iso.datetime({ offset: true }).optional().describe('records with a time before this'),
    source: z.string().min(1).max(200).optional().describe("records of one source only: 'realtime', or a batch id"),
    limit: z.number().int().min(1).max(10_000_000).optional().describe('the latest this many records of the range (all by default)'),
    sample: z.number().int().min(0).max(1000).default(20).describe('records whose decision changes shown per kind (added, removed, changed)'),
  })
  .strict()
  .meta({ id: 'BacktestInput' })

const Outcome = z.object({ decision: z.enum(['clear', 'review', 'block', 'error']), score: z.number(), rules: z.array(z.string()) })
const Change = z.object({ id: z.string(), line: z.number().int().describe('1-based place in the replay'), base: Outcome, candidate: Outcome, illicit: z.boolean().optional() })
const Changes = z.object({ count: z.number().int(), sample: z.array(Change) })
const Side = z.object({
  ruleset: z.string(),
  alerts: z.number().int(),
  review: z.number().int(),
  block: z.number().int(),
  errors: z.number().int(),
  precision: z.number().optional(),
  recall: z.number().optional(),
  falseAlerts: z.number().int().optional().describe('alerts on records marked false positive'),
})
const RuleChange = z.object({
  base: z.number().int(),
  candidate: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  baseIllicit: z.number().int().optional(),
  candidateIllicit: z.number().int().optional(),
  baseFalseAlerts: z.number().int().optional(),
  candidateFalseAlerts: z.number().int().optional(),
})

export const BacktestReportSchema = z
  .object({
    records: z.number().int(),
    labelled: z.boolean().describe('true when the tenant has dispositions: they are the labels'),
    base: Side,
    candidate: Side,
    added: Changes.describe('records that alert under the candidate only'),
    removed: Changes.describe('records that alert under the base only'),
    changed: Changes.describe('records that alert under both with another decision'),
    alertVolumeChange: z.object({ absolute: z.number().int(), relative: z.number().nullable() }),
    byRule: z.record(z.string(), RuleChange),
  })
  .meta({ id: 'BacktestReport', description: 'The JSON of `txscreen rules diff --json` over the replayed records' })

export const BacktestSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    base: z.string().describe('the rule set active when the backtest was asked for'),
    candidate: z.string(),
    params: z.object({ from: z.string().optional(), to: z.string().optional(), source: z.string().optional(), limit: z.number().int().optional(), sample: z.number().int() }),
    progress: z.object({ records: z.number().int(), total: z.number().int(), fraction: z.number().nullable() }),
    report: BacktestReportSchema.nullable().describe('when done'),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'Backtest' })

const startBacktest = apiRoute({
  method: 'post', path: '/v1/rulesets/{version}/backtest', operationId: 'startBacktest', tags: ['rule sets'], roles: ['analyst'],
  summary: "Backtest a version against the active rule set on the tenant's kept history",
  description:
    "Replays the tenant's screened records (real time and batches, kept TXSCREEN_HISTORY_RETENTION_DAYS) oldest first through the active rule set and this version, in the background. The report is what `txscreen rules diff --json` gives on the same records; the tenant's dispositions are its labels. The body is optional. Poll the `Location`. Recorded in the audit log.",
  request: { params: VersionParam, body: { ...jsonBody(BacktestInputSchema), required: false } },
  responses: {
    202: { description: 'queued', content: jsonContent(BacktestSchema) },
    400: { description: 'bad body', content: problemContent },
    404: { description: 'no such version', content: problemContent },
  },
})

const getBacktestRoute = apiRoute({
  method: 'get', path: '/v1/backtests/{id}', operationId: 'getBacktest', tags: ['rule sets'], roles: ['analyst'],
  summary: "One of the tenant's backtests: status, progress and, when done, the report",
  request: { params: BacktestParam },
  responses: { 200: { description: 'the backtest', content: jsonContent(BacktestSchema) }, 404: { description: 'no such backtest', content: problemContent } },
})

const listBacktestsRoute = apiRoute({
  method: 'get', path: '/v1/rulesets/{version}/backtests', operationId: 'listBacktests', tags: ['rule sets'], roles: ['analyst'],
  summary: "The tenant's backtests of a version, newest first (the latest 20)",
  request: { params: VersionParam },
  responses: { 200: { description: 'backtests', content: jsonContent(z.object({ backtests: z.array(BacktestSchema) })) } },
})

function backtestView(b: BacktestInfo): z.output<typeof BacktestSchema> {
  const { records, total } = b.progress
  const fraction = b.status === 'done' ? 1 : total > 0 ? Math.min(1, records / total) : null
  return {
    id: b.id,
    status: b.status,
    base: b.base,
    candidate: b.candidate,
    params: b.params,
    progress: { records, total, fraction },
    report: (b.report ?? null) as z.output<typeof BacktestReportSchema> | null,
    error: b.error,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    links: { self: `/v1/backtests/${b.id}` },
  }
}

/** An optional JSON body: none (or an empty one) is the defaults. */
async function optionalBody(req: Request): Promise<unknown> {
  if (!req.body || req.headers.get('content-length') === '0') return {}
  return readJsonValue(req, 8 * KiB)
}

export function backtestRoutes(app: ApiApp): void {
  app.openapi(startBacktest, async (c) => {
    const { version } = c.req.valid('param')
    const input = parseWith(BacktestInputSchema, await optionalBody(c.req.raw), 'body')
    if (input.from && input.to && Date.parse(input.from) >= Date.parse(input.to)) throw badRequest('`from` must be before `to`.')
    const principal = c.get('principal')
    const params = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as typeof input
    const job = await requestBacktest(c.var.deps, { candidate: version, tenant: principal.tenant, actor: actorOf(principal), params })
    if (!job) throw notFound(`There is no rule-set version ${version}.`)
    c.header('location', `/v1/backtests/${job.id}`)
    return c.json(backtestView(job), 202)
  })

  app.openapi(getBacktestRoute, async (c) => {
    const { id } = c.req.valid('param')
    const job = await getBacktest(c.var.deps.db, c.get('principal').tenant, id)
    if (!job) throw notFound(`There is no backtest ${id}.`)
    return c.json(backtestView(job), 200)
  })

  app.openapi(listBacktestsRoute, async (c) => {
    const { version } = c.req.valid('param')
    return c.json({ backtests: (await listBacktests(c.var.deps.db, c.get('principal').tenant, version, 20)).map(backtestView) }, 200)
  })
}
