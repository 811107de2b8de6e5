import { z } from 'zod'
import { PROBLEM_TYPES } from '../problem.ts'
import { NAMED_SCHEMAS } from '../schemas.ts'
import type { ContentSpec, OperationSpec } from './operation.ts'

type Json = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

function components(): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const io of ['input', 'output'] as const) {
    const registry = z.registry<{ id: string }>()
    for (const [id, schema] of Object.entries(NAMED_SCHEMAS[io])) registry.add(schema, { id })
    const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' })
    for (const [id, schema] of Object.entries(schemas)) {
      const { $schema: _s, $id: _i, ...rest } = schema as Json
      out[id] = rest
    }
  }
  return out
}

function content(specs: ContentSpec[]): Json {
  const out: Json = {}
  for (const c of specs) {
    const lines = c.lineSchema === undefined ? undefined : [c.lineSchema].flat()
    const schema = c.schema
      ? ref(c.schema)
      : lines
        ? { type: 'string', description: `one JSON value per line: ${lines.join(' or ')}`, 'x-line-schema': lines.length === 1 ? ref(lines[0]!) : { oneOf: lines.map(ref) } }
        : { type: 'string' }
    out[c.contentType] = { schema, ...(c.example ? { example: c.example } : {}) }
  }
  return out
}

function parameters(op: OperationSpec): Json[] {
  const params: Json[] = []
  const add = (where: 'path' | 'query', shape: z.ZodObject | undefined) => {
    if (!shape) return
    for (const [name, schema] of Object.entries(shape.shape)) {
      const s = schema as z.ZodType
      const json = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json
      const { $schema: _s, description, ...rest } = json
      params.push({ name, in: where, required: where === 'path' || !s.safeParse(undefined).success, description, schema: rest })
    }
  }
  add('path', op.pathParams)
  add('query', op.query)
  for (const [name, h] of Object.entries(op.headers ?? {})) {
    params.push({ name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } })
  }
  return params
}

/** The OpenAPI 3.1 document, built from the routes' specs and the zod schemas they validate with. */
export function openApiDocument(operations: readonly OperationSpec[], serverUrl?: string): Json {
  const paths: Record<string, Json> = {}
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}')
    const responses: Json = {}
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = { description: r.description, ...(r.content ? { content: content(r.content) } : {}) }
    }
    const secured = op.roles !== 'public'
    if (secured) {
      responses['401'] ??= { description: 'no or unknown API key', content: content([{ contentType: 'application/problem+json', schema: 'Problem' }]) }
      responses['403'] ??= { description: 'the key lacks the role', content: content([{ contentType: 'application/problem+json', schema: 'Problem' }]) }
    }
    const roles = secured ? [...(op.roles as string[]), 'admin'] : []
    paths[path] ??= {}
    paths[path][op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, secured ? `Roles: ${roles.join(', ')}.` : 'No API key needed.'].filter(Boolean).join('\n\n'),
      ...(secured ? { security: [{ apiKey: [] }], 'x-roles': roles } : { security: [] }),
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: content(op.body) } } : {}),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'txscreen screening service',
      version: '1',
      description:
        'Screens transfers for smuggling-linked value movement: one at a time in real time, or in batches. Errors are RFC 9457 problem details; each `type` is explained on /docs.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an API key made with `txscreen keys create` or POST /v1/keys' } },
      schemas: components(),
    },
    'x-problem-types': PROBLEM_TYPES,
    paths,
  }
}
