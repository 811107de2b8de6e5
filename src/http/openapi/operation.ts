import type { z } from 'zod'
import type { Role } from '../../store/schema.ts'
import type { NAMED_SCHEMAS } from '../schemas.ts'

export type SchemaName = keyof (typeof NAMED_SCHEMAS)['input'] | keyof (typeof NAMED_SCHEMAS)['output']

export interface ContentSpec {
  contentType: string
  /** a named schema (becomes a $ref), or none for free-form content such as NDJSON */
  schema?: SchemaName
  /** for line-delimited content: the schema of each line */
  lineSchema?: SchemaName | SchemaName[]
  example?: string
}

/** What /openapi.json and /docs say about one route; kept next to the route's handler. */
export interface OperationSpec {
  method: 'get' | 'post' | 'delete'
  /** Hono-style path, e.g. /v1/batches/:id */
  path: string
  operationId: string
  summary: string
  description?: string
  tag: string
  /** roles allowed besides admin; 'public' for no key */
  roles: Role[] | 'public'
  pathParams?: z.ZodObject
  query?: z.ZodObject
  headers?: Record<string, { description: string; required?: boolean }>
  body?: ContentSpec[]
  responses: Record<number, { description: string; content?: ContentSpec[] }>
}
