import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { Role } from '../../store/schema.ts'
import { requireRole } from '../auth.ts'
import type { AppEnv } from '../env.ts'
import { problemContent } from './content.ts'

export interface ApiRouteSpec extends Omit<RouteConfig, 'middleware' | 'security'> {
  /** roles allowed besides admin; 'public' for no key */
  roles: readonly Role[] | 'public'
  /** the handler checks the key itself (POST /v1/screen, which Node also answers outside Hono) */
  rolesCheckedByHandler?: true
}

type ApiRoute<R extends ApiRouteSpec> = Omit<R, 'roles' | 'rolesCheckedByHandler'> & { middleware?: MiddlewareHandler<AppEnv> }

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n\n')

/**
 * A route declared once: its handler is mounted from it and the API document generated from it. The
 * roles become both the check (a middleware before the handler) and what the document says: security,
 * `x-roles`, a sentence in the description and the 401 and 403 answers.
 */
export function apiRoute<const R extends ApiRouteSpec>(spec: R): ApiRoute<R> {
  const { roles, rolesCheckedByHandler, ...route } = spec
  if (roles === 'public') return createRoute({ ...route, description: join(route.description, 'No API key needed.'), security: [] })
  const named = [...roles, 'admin']
  return createRoute({
    ...route,
    description: join(route.description, `Roles: ${named.join(', ')}.`),
    security: [{ apiKey: [] }],
    'x-roles': named,
    responses: {
      ...route.responses,
      401: { description: 'no or unknown API key', content: problemContent },
      403: { description: 'the key lacks the role', content: problemContent },
    },
    ...(rolesCheckedByHandler ? {} : { middleware: requireRole(...roles) }),
  })
}

/**
 * A response the handler built itself (a stream, or JSON serialised once elsewhere), returned from a
 * typed route: the declaration documents it, the type checker cannot follow it.
 */
export const builtResponse = (res: Response): never => res as never
