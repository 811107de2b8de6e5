import { sql } from 'kysely'
import { activeRulesetVersion } from '../../store/rulesets.ts'
import { jsonContent, type RouteModule } from '../deps.ts'

export const healthRoutes: RouteModule = {
  operations: [
    {
      method: 'get', path: '/health', operationId: 'health', tag: 'operations', roles: 'public',
      summary: 'Liveness: the process answers',
      responses: { 200: { description: 'alive', content: jsonContent('Health') } },
    },
    {
      method: 'get', path: '/ready', operationId: 'ready', tag: 'operations', roles: 'public',
      summary: 'Readiness: the database answers, a rule set is active and the real-time state is warm',
      responses: {
        200: { description: 'ready to screen', content: jsonContent('Ready') },
        503: { description: 'not ready; the body says why', content: jsonContent('Ready') },
      },
    },
  ],
  mount(app, deps) {
    app.get('/health', (c) => c.json({ status: 'ok' as const }))
    app.get('/ready', async (c) => {
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
      const ready = ruleset !== null && realtime.ready && !deps.draining?.()
      return c.json(
        { status: ready ? ('ready' as const) : ('not-ready' as const), database: 'ok' as const, ruleset, realtime: realtime.state },
        ready ? 200 : 503,
      )
    })
  },
}
