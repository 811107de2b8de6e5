import type { z } from 'zod'
import { Problem, badRequest } from './problem.ts'

export const KiB = 1024

function tooLarge(limit: number): Problem {
  return new Problem(413, 'payload-too-large', 'Payload too large', `The body must be at most ${limit} bytes.`, { limit })
}

/** Rejects by Content-Length up front, then counts what actually arrives (chunked bodies have no length). */
export function checkDeclaredLength(req: Request, limit: number): void {
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
}

/** Wraps a body stream so that reading past `limit` bytes fails with 413. */
export function limitStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > limit) throw tooLarge(limit)
        controller.enqueue(chunk)
      },
    }),
  )
}

/** Reads and validates a JSON body of at most `limit` bytes. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit: number): Promise<z.output<S>> {
  checkDeclaredLength(req, limit)
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send Content-Type: application/json.')
  }
  const text = req.body ? await new Response(limitStream(req.body, limit)).text() : ''
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw badRequest(`The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  return parseWith(schema, value, 'body')
}

/** Validates a value, turning zod issues into a 400 problem with one entry per issue. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
  throw badRequest(
    `The ${where} is invalid: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    { issues },
  )
}
