import { z } from 'zod'
import type { ShadowRunner } from '../../service/shadow-runner.ts'
import { audit } from '../../store/audit.ts'
import type { ApiApp } from '../app.ts'
import type { AppDeps } from '../deps.ts'
import { actorOf } from '../env.ts'
import { jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { Problem, notFound } from '../problem.ts'
import { ShadowSchema } from '../shadow-schemas.ts'

const VersionParam = z.object({ version: z.string().describe('a version from GET /v1/rulesets') })
const UNAVAILABLE = {
  description: 'this server keeps its real-time state in the database (TXSCREEN_REALTIME_STATE=database, or a Worker): a shadow runs only beside the in-memory state',
  content: problemContent,
}
const tags = ['rule sets']

const startShadow = apiRoute({
  method: 'post', path: '/v1/rulesets/{version}/shadow', operationId: 'startShadow', tags, roles: ['analyst'],
  summary: 'Run a stored version beside the active one on every real-time call',
  description:
    "From now on each `POST /v1/screen` call is also screened by this version, after its answer has gone (never on its latency path), with windows warmed from the same stored history as the active set's. Its verdicts are stored apart (`shadow_verdicts`) and never returned to callers; `GET` compares them with the active set's. One shadow at a time per process; activating the version promotes it (the shadow ends, and its warm state becomes the active state). In-memory real-time state only. Recorded in the audit log.",
  request: { params: VersionParam },
  responses: {
    201: { description: 'started', content: jsonContent(ShadowSchema) },
    200: { description: 'this version already runs as the shadow', content: jsonContent(ShadowSchema) },
    404: { description: 'no such version', content: problemContent },
    409: { description: 'the version is the active one, or another version runs as the shadow (stop it first)', content: problemContent },
    501: UNAVAILABLE,
  },
})

const getShadow = apiRoute({
  method: 'get', path: '/v1/rulesets/{version}/shadow', operationId: 'getShadow', tags, roles: ['analyst'],
  summary: 'Compare a shadow version with the active set since the shadow began',
  description:
    "Counts for the caller's tenant's real-time calls since the shadow began: hits per rule, decisions and the transitions between them, score bands under each set, and a sample of calls whose decision changes; with the shadow's processed, dropped and waiting calls. A stopped or promoted shadow keeps its last figures until another starts. Memory only: a restart ends it.",
  request: { params: VersionParam },
  responses: {
    200: { description: 'the comparison', content: jsonContent(ShadowSchema) },
    404: { description: 'this version has not run as a shadow since the server started (or another has since)', content: problemContent },
    501: UNAVAILABLE,
  },
})

const stopShadow = apiRoute({
  method: 'delete', path: '/v1/rulesets/{version}/shadow', operationId: 'stopShadow', tags, roles: ['analyst'],
  summary: 'Stop the shadow running this version',
  description: 'Its comparison stays readable with GET until another shadow starts. Recorded in the audit log.',
  request: { params: VersionParam },
  responses: {
    200: { description: 'stopped; the final comparison', content: jsonContent(ShadowSchema) },
    404: { description: 'this version does not run as the shadow', content: problemContent },
    501: UNAVAILABLE,
  },
})

/** The shadow of the in-memory real-time state; a 501 problem where real-time state lives in the database. */
function shadowOf(deps: AppDeps): ShadowRunner {
  const shadow = deps.realtime?.shadow
  if (!shadow) {
    throw new Problem(
      501,
      'shadow-unavailable',
      'Shadow rule sets are not available here',
      'This server screens real-time calls with its state in the database (TXSCREEN_REALTIME_STATE=database, several processes, or a Worker); a shadow rule set runs only beside the in-memory state of a single process.',
    )
  }
  return shadow
}

export function shadowRoutes(app: ApiApp): void {
  app.openapi(startShadow, async (c) => {
    const deps = c.var.deps
    const shadow = shadowOf(deps)
    const { version } = c.req.valid('param')
    const result = await shadow.start(version)
    if ('refused' in result) {
      if (result.refused === 'unknown') throw notFound(`There is no rule-set version ${version}.`)
      if (result.refused === 'active') throw new Problem(409, 'conflict', 'Already active', `${version} is the active rule set; a shadow runs a candidate beside it.`)
      throw new Problem(409, 'conflict', 'Another shadow runs', `${result.running} runs as the shadow; stop it (DELETE /v1/rulesets/${result.running}/shadow) first.`, { running: result.running })
    }
    if (result.started) await audit(deps.db, { actor: actorOf(c.get('principal')), action: 'ruleset.shadow.start', target: version, details: { shadow: result.view.id } })
    const view = shadow.view(version, c.get('principal').tenant)!
    return c.json(view, result.started ? 201 : 200)
  })

  app.openapi(getShadow, (c) => {
    const shadow = shadowOf(c.var.deps)
    const { version } = c.req.valid('param')
    const view = shadow.view(version, c.get('principal').tenant)
    if (!view) throw notFound(`${version} has not run as a shadow since this server started.`)
    return c.json(view, 200)
  })

  app.openapi(stopShadow, async (c) => {
    const deps = c.var.deps
    const shadow = shadowOf(deps)
    const { version } = c.req.valid('param')
    if (!shadow.stop(version)) throw notFound(`${version} does not run as the shadow.`)
    const view = shadow.view(version, c.get('principal').tenant)!
    await audit(deps.db, { actor: actorOf(c.get('principal')), action: 'ruleset.shadow.stop', target: version, details: { shadow: view.id, processed: view.processed } })
    return c.json(view, 200)
  })
}
