import { Hono } from 'hono'
import { DatabaseRealtime } from '../service/realtime.ts'
import { ApiKeyCache } from './auth.ts'
import type { AppDeps, RouteModule } from './deps.ts'
import type { AppEnv } from './env.ts'
import { toProblemResponse } from './on-error.ts'
import { notFound } from './problem.ts'
import { alertRoutes } from './routes/alerts.ts'
import { apiDocRoutes } from './routes/api-docs.ts'
import { batchResultRoutes } from './routes/batch-results.ts'
import { batchRoutes } from './routes/batches.ts'
import { healthRoutes } from './routes/health.ts'
import { keyRoutes } from './routes/keys.ts'
import { listRoutes } from './routes/lists.ts'
import { rulesetRoutes } from './routes/rulesets.ts'
import { screenRoutes } from './routes/screen.ts'

const API_ROUTES: RouteModule[] = [screenRoutes, batchRoutes, batchResultRoutes, alertRoutes, rulesetRoutes, listRoutes, keyRoutes, healthRoutes]

/** The dependencies with defaults filled in: a key cache, and real-time state in the database when none is given. */
export function completeDeps(given: AppDeps): AppDeps {
  return {
    ...given,
    apiKeys: given.apiKeys ?? new ApiKeyCache(),
    realtime:
      given.realtime ??
      new DatabaseRealtime({ db: given.db, rulesets: given.rulesets, storeVerdicts: given.config.storeVerdicts, watchlists: () => given.lists?.current() }),
  }
}

/** The whole HTTP API as a web-standard `fetch` handler; adapters only supply the dependencies. */
export function createApp(given: AppDeps): Hono<AppEnv> {
  const deps = completeDeps(given)
  const app = new Hono<AppEnv>()
  const modules = [...API_ROUTES]
  modules.push(apiDocRoutes(() => modules.flatMap((m) => m.operations)))
  for (const m of modules) m.mount(app, deps)
  app.get('/', (c) => c.redirect('/docs'))
  app.notFound((c) => notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}; see /docs.`).toResponse())
  app.onError((err, c) => toProblemResponse(err, c))
  return app
}
