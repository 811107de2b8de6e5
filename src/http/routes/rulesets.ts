import { z } from 'zod'
import { formatRuleIssue } from '../../core/index.ts'
import { listRulesetVersions } from '../../store/rulesets.ts'
import { withShadow } from '../shadow-list.ts'
import type { ApiApp } from '../app.ts'
import { KiB, readJson } from '../body.ts'
import { actorOf } from '../env.ts'
import { jsonBody, jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { Problem, notFound } from '../problem.ts'
import { InvalidRulesetProblemSchema, PendingActivationSchema, PublishRulesetSchema, PublishedRulesetSchema, RulesetListSchema, RulesetVersionSchema } from '../schemas.ts'

// the rule set's own limit (RULE_LIMITS.maxTotalBytes) with room for JSON escaping
const PUBLISH_LIMIT = 4 * 1024 * KiB
const VersionParam = z.object({ version: z.string().describe('a version from GET /v1/rulesets') })

const listRulesets = apiRoute({
  method: 'get', path: '/v1/rulesets', operationId: 'listRulesets', tags: ['rule sets'], roles: ['analyst'],
  summary: 'Stored rule-set versions, newest first, and which is active',
  responses: { 200: { description: 'versions', content: jsonContent(RulesetListSchema) } },
})

const publishRuleset = apiRoute({
  method: 'post', path: '/v1/rulesets', operationId: 'publishRuleset', tags: ['rule sets'], roles: ['analyst'],
  summary: 'Validate rule files and store them as a new immutable version',
  description:
    'The body holds every file of the rule set (rules and the ruleset file). The version is a hash of the content, so publishing the same files again returns the same version. Publishing does not activate unless `activate` is true. Recorded in the audit log.',
  request: { body: jsonBody(PublishRulesetSchema) },
  responses: {
    201: { description: 'stored as a new version', content: jsonContent(PublishedRulesetSchema) },
    200: { description: 'this content was already stored', content: jsonContent(PublishedRulesetSchema) },
    422: {
      description: 'the files do not compile: `issues` gives file, line, column and message for each',
      content: { 'application/problem+json': { schema: InvalidRulesetProblemSchema } },
    },
  },
})

const activateRuleset = apiRoute({
  method: 'post', path: '/v1/rulesets/{version}/activate', operationId: 'activateRuleset', tags: ['rule sets'], roles: ['analyst'],
  summary: 'Make a stored version the one that screens',
  description:
    'Atomic: each screening call uses either the old or the new version. Batches already created keep the version they started with. With TXSCREEN_ACTIVATION_APPROVALS=N (N > 1) each call is an approval, and the version becomes active when N distinct keys have approved it since it was last active (a publish with `activate: true` counts as its key\'s approval). Recorded in the audit log.',
  request: { params: VersionParam },
  responses: {
    200: { description: 'active', content: jsonContent(RulesetVersionSchema) },
    202: { description: 'approval recorded; more keys must approve', content: jsonContent(PendingActivationSchema) },
    404: { description: 'no such version', content: problemContent },
  },
})

export function rulesetRoutes(app: ApiApp): void {
  app.openapi(listRulesets, async (c) => c.json({ versions: withShadow(await listRulesetVersions(c.var.deps.db), c.var.deps.realtime?.shadow?.current()) }, 200))

  app.openapi(publishRuleset, async (c) => {
    const deps = c.var.deps
    const body = await readJson(c.req.raw, PublishRulesetSchema, PUBLISH_LIMIT)
    const principal = c.get('principal')
    const approver = { keyId: principal.keyId, needed: deps.config.activationApprovals }
    const result = await deps.rulesets.publish(deps.db, body.files, { actor: actorOf(principal), activate: body.activate, approver })
    if (!result.ok) {
      throw new Problem(422, 'invalid-ruleset', 'Invalid rule set', result.issues.map(formatRuleIssue).join('\n'), { issues: result.issues })
    }
    c.header('location', `/v1/rulesets/${encodeURIComponent(result.version)}`)
    const approval = result.approval && { approvals: result.approval.approvals, needed: result.approval.needed }
    if (result.activated) await warmed(deps)
    return c.json({ version: result.version, created: result.created, activated: result.activated, ...approval }, result.created ? 201 : 200)
  })

  app.openapi(activateRuleset, async (c) => {
    const deps = c.var.deps
    const { version } = c.req.valid('param')
    const principal = c.get('principal')
    const approval = await deps.rulesets.approve(deps.db, version, actorOf(principal), { keyId: principal.keyId, needed: deps.config.activationApprovals })
    if (!approval) throw notFound(`There is no rule-set version ${version}.`)
    if (!approval.activated) return c.json({ version, approvals: approval.approvals, needed: approval.needed }, 202)
    await warmed(deps)
    const info = (await listRulesetVersions(deps.db)).find((v) => v.version === version)
    return c.json(info!, 200)
  })
}

/**
 * Waits until this process screens with what was just activated, so the caller's next call uses it; calls
 * meanwhile are answered from the previous state. A warm-up that fails is retried on the next call.
 */
async function warmed(deps: { realtime?: { start?(): Promise<void> } | undefined }): Promise<void> {
  await deps.realtime?.start?.().catch(() => {})
}
