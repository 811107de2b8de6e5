import { z } from 'zod'

// every schema named by a reference below; the document lists each under its id
const referenced = new Map<string, z.ZodType>()

/**
 * A reference to a named schema (one with `.meta({ id })`), for what the document describes but the
 * route does not validate through it: JSON bodies the handler reads itself (size limit, fast path) and
 * the lines of NDJSON bodies.
 */
export function ref(schema: z.ZodType): { $ref: string } {
  const id = z.globalRegistry.get(schema)?.id
  if (typeof id !== 'string') throw new Error('a referenced schema needs an id: .meta({ id })')
  referenced.set(id, schema)
  return { $ref: `#/components/schemas/${id}` }
}

/** The schemas named by `ref`, by id. */
export function referencedSchemas(): ReadonlyMap<string, z.ZodType> {
  return referenced
}
