import type { z } from 'zod'
import { ProblemSchema } from '../schemas.ts'
import { ref } from './refs.ts'

/** Media-type maps for route declarations: what a request or response carries. */

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } }

export function jsonContent<S extends z.ZodType>(schema: S): { 'application/json': { schema: S } } {
  return { 'application/json': { schema } }
}

/** A JSON body the handler reads and validates itself; documented by reference, so no validator runs before it. */
export function jsonBody(schema: z.ZodType) {
  return { required: true, content: { 'application/json': { schema: ref(schema) } } }
}

/** Line-delimited content: the schema of each line, which the docs page links to (`x-line-schema`). */
export function linesOf(...schemas: z.ZodType[]) {
  const refs = schemas.map(ref)
  const names = refs.map((r) => r.$ref.split('/').pop()!)
  return {
    type: 'string' as const,
    description: `one JSON value per line: ${names.join(' or ')}`,
    'x-line-schema': refs.length === 1 ? refs[0]! : { oneOf: refs },
  }
}

export function ndjsonContent(...lineSchemas: z.ZodType[]) {
  return { 'application/x-ndjson': { schema: linesOf(...lineSchemas) } }
}
