import { sql } from 'kysely'
import { activeRulesetVersion } from '../../store/rulesets.ts'
import type { ApiApp } from '../app.ts'
import { jsonContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { HealthSchema, ReadySchema } from '../schemas.ts'

const health = apiRoute({
  method: 'get', path: '/health', operationId: 'health', tags: ['operations'], roles: 'public',
  summary: 'Liveness: the process answers',
  responses: { 200: { description: 'alive', content: jsonContent(HealthSchema) } },
})

const ready = apiRoute({
  method: 'get', path: '/ready', operationId: 'ready', tags: ['operations'], roles: 'public',
  summary: 'Readiness: the database answers, a rule set is active and the real-time state is warm',
  responses: {
    200: { description: 'ready to screen', content: jsonContent(ReadySchema) },
    503: { description: 'not ready; the body says why', content: jsonContent(ReadySchema) },
  },
})

export function healthRoutes(app: ApiApp): void {
  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200))

  app.openapi(ready, async (c) => {
    const deps = c.var.deps
    let ruleset: string | null = null
    try {
      await sql`select 1`.execute(deps.db)
      ruleset = (await activeRulesetVersion(deps.db)) ?? null
      if (ruleset) await deps.rulesets.compiled(deps.db, ruleset)
    } catch {
      return c.json({ status: 'not-ready' as const, database: 'unreachable' as const, ruleset }, 503)
    }
    // in-memory real-time state answers only once it has been warmed from the database
    const realtime = deps.realtime?.readiness() ?? { ready: true, state: 'database' as const }
    const isReady = ruleset !== null && realtime.ready && !deps.draining?.()
    return c.json(
      { status: isReady ? ('ready' as const) : ('not-ready' as const), database: 'ok' as const, ruleset, realtime: realtime.state },
      isReady ? 200 : 503,
    )
  })
}
