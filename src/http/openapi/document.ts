import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.ts'
import { PROBLEM_TYPES } from '../problem.ts'
import { referencedSchemas } from './refs.ts'

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>

const INFO = {
  title: 'txscreen screening service',
  version: '1',
  description:
    'Screens transfers for smuggling-linked value movement: one at a time in real time, or in batches. Errors are RFC 9457 problem details; each `type` is explained on /docs.',
}

/**
 * The OpenAPI 3.1 document, generated from the app's routes and the zod schemas they declare, with the
 * schemas the routes name by reference, the API-key scheme and the problem types.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  const registry = app.openAPIRegistry
  // registered through a copy made now: registering calls `.openapi()`, which @hono/zod-openapi gives only
  // to schemas built after it loaded, and the core's schemas may be older
  for (const [id, schema] of referencedSchemas()) registry.register(id, schema.clone())
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'an API key made with `txscreen keys create` or POST /v1/keys',
  })
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO, 'x-problem-types': PROBLEM_TYPES })
}
