import { OpenAPIHono, type Hook } from '@hono/zod-openapi'
import { routePath } from 'hono/route'
import { DatabaseRealtime } from '../service/realtime.ts'
import { ApiKeyCache } from './auth.ts'
import { invalidInput } from './body.ts'
import { RateLimiter } from './rate-limit.ts'
import { requestId } from './request-id.ts'
import type { AppDeps, DepsSource } from './deps.ts'
import type { AppEnv } from './env.ts'
import { toProblemResponse } from './on-error.ts'
import { notFound } from './problem.ts'
import { alertRoutes } from './routes/alerts.ts'
import { backtestRoutes } from './routes/backtests.ts'
import { dispositionRoutes } from './routes/dispositions.ts'
import { entityRoutes } from './routes/entities.ts'
import { apiDocRoutes } from './routes/api-docs.ts'
import { batchResultRoutes } from './routes/batch-results.ts'
import { batchRoutes } from './routes/batches.ts'
import { caseRoutes } from './routes/cases.ts'
import { healthRoutes } from './routes/health.ts'
import { keyRoutes } from './routes/keys.ts'
import { listRoutes } from './routes/lists.ts'
import { rulesetRoutes } from './routes/rulesets.ts'
import { screenRoutes } from './routes/screen.ts'
import { shadowRoutes } from './routes/shadow.ts'
import { refuseHazardousUrls } from './url-guard.ts'
import { workbenchRoutes } from './routes/workbench.ts'

export type ApiApp = OpenAPIHono<AppEnv>

/** Each route file mounts its routes, declared once for the handler and the API document. */
const API_ROUTES: ((app: ApiApp) => void)[] = [screenRoutes, batchRoutes, batchResultRoutes, caseRoutes, alertRoutes, dispositionRoutes, entityRoutes, rulesetRoutes, backtestRoutes, shadowRoutes, listRoutes, keyRoutes, healthRoutes]

// what a failed query, path or header validation names in its 400 problem
const WHERE: Record<string, string> = { query: 'query', param: 'path', header: 'headers', json: 'body', form: 'body', cookie: 'cookies' }

/** Parameters that fail their route's schema answer 400 with a problem, as a bad body does. */
const invalidRequest: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (!result.success) throw invalidInput(result.error, WHERE[result.target] ?? result.target)
  return undefined
}

/** The dependencies with defaults filled in: a key cache, and real-time state in the database when none is given. */
export function completeDeps(given: AppDeps): AppDeps {
  return {
    ...given,
    apiKeys: given.apiKeys ?? new ApiKeyCache({ clock: given.clock }),
    rateLimiter: given.rateLimiter ?? new RateLimiter(given.config.rateLimits, given.clock),
    realtime:
      given.realtime ??
      new DatabaseRealtime({ db: given.db, rulesets: given.rulesets, storeVerdicts: given.config.storeVerdicts, watchlists: () => given.lists?.current(), keepHistory: given.config.historyRetentionDays > 0 }),
  }
}

/** The whole HTTP API as a web-standard `fetch` handler; adapters only supply the dependencies. */
export function createApp(source: DepsSource): ApiApp {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: invalidRequest })
  const fixed = typeof source === 'function' ? undefined : completeDeps(source)
  const perRequest = typeof source === 'function' ? source : undefined
  // first on every request: the dependencies every handler and the role check read from the context, the
  // request's id, and once answered, its log line and its latency
  app.use(async (c, next) => {
    const deps = fixed ?? perRequest!(c)
    c.set('deps', deps)
    const started = performance.now()
    const reqId = requestId(c.req.header('x-request-id'))
    c.set('reqId', reqId)
    await next()
    try {
      c.res.headers.set('x-request-id', reqId)
    } catch {
      // a response with immutable headers keeps them
    }
    if (deps.metrics || deps.logger) {
      const route = routePath(c, -1)
      const status = c.res.status
      const seconds = (performance.now() - started) / 1000
      const label = route === '*' || route === '/*' ? 'unmatched' : route
      deps.metrics?.request(label, c.req.method, status, seconds)
      deps.logger?.[status >= 500 ? 'error' : 'info']({ reqId, method: c.req.method, route: label, status, ms: Math.round(seconds * 1000) }, 'request')
    }
  })
  app.use(refuseHazardousUrls)
  for (const mount of API_ROUTES) mount(app)
  apiDocRoutes(app)
  workbenchRoutes(app)
  app.get('/', (c) => c.redirect('/docs'))
  app.notFound((c) => notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}; see /docs.`).toResponse())
  app.onError((err, c) => toProblemResponse(err, c))
  return app
}
