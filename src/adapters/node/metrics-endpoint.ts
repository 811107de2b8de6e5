import type { IncomingMessage, ServerResponse } from 'node:http'
import { authenticate, NO_KEY_CACHE } from '../../http/auth.ts'
import type { AppDeps } from '../../http/deps.ts'
import { asProblem } from '../../http/on-error.ts'
import type { NodeMetrics } from './metrics.ts'

export const METRICS_PATH = '/metrics'

/** `GET /metrics`: the Prometheus text exposition, for admin keys (Prometheus sends one as a bearer token). */
export function metricsEndpoint(deps: AppDeps, metrics: NodeMetrics): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    authenticate(deps.db, deps.apiKeys ?? NO_KEY_CACHE, req.headers.authorization, ['admin'], METRICS_PATH)
      .then(() => metrics.text())
      .then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.contentType })
          res.end(text)
        },
        (err: unknown) => {
          const problem = asProblem(err)
          const { body, headers } = problem.render(METRICS_PATH)
          res.writeHead(problem.status, headers)
          res.end(body)
        },
      )
  }
}
