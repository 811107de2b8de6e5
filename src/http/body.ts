import type { z } from 'zod'
import { Problem, badRequest } from './problem.ts'

export const KiB = 1024
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i

export function tooLarge(limit: number): Problem {
  return new Problem(413, 'payload-too-large', 'Payload too large', `The body must be at most ${limit} bytes.`, { limit })
}

/** Rejects by Content-Length up front, then counts what actually arrives (chunked bodies have no length). */
export function checkDeclaredLength(req: Request, limit: number): void {
  declaredLength(req, limit)
}

/** The declared Content-Length (413 when over `limit`), or undefined for a body without one. */
function declaredLength(req: Request, limit: number): number | undefined {
  return checkLength(req.headers.get('content-length'), limit)
}

/** A Content-Length header's value, 413 when over `limit`; undefined when there is none. */
export function checkLength(header: string | null | undefined, limit: number): number | undefined {
  const declared = Number(header ?? NaN)
  if (!Number.isFinite(declared)) return undefined
  if (declared > limit) throw tooLarge(limit)
  return declared
}

/** 415 unless the Content-Type is JSON. */
export function checkJsonType(contentType: string | null | undefined): void {
  if (!JSON_TYPE.test(contentType ?? '')) {
    throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send Content-Type: application/json.')
  }
}

/** JSON.parse, or a 400 problem that says why not. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw badRequest(`The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
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
  return parseWith(schema, await readJsonValue(req, limit), 'body')
}

/** Reads a JSON body of at most `limit` bytes, unvalidated. */
export async function readJsonValue(req: Request, limit: number): Promise<unknown> {
  const declared = declaredLength(req, limit)
  checkJsonType(req.headers.get('content-type'))
  return parseJsonText(await readAll(req, limit, declared))
}

/**
 * The body as text, at most `limit` bytes (413 past it). A declared length is what the HTTP parser lets
 * through, so such a body is read whole (on Node without building a web stream at all); a chunked body is
 * counted as it arrives.
 */
export async function readAll(req: Request, limit: number, declared = declaredLength(req, limit)): Promise<string> {
  if (declared !== undefined) return req.text()
  return req.body ? new Response(limitStream(req.body, limit)).text() : ''
}

/** Validates a value, turning zod issues into a 400 problem with one entry per issue. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw invalidInput(result.error, where)
}

/** A 400 problem with one entry per zod issue, `where` naming the part of the request (body, query, ...). */
export function invalidInput(error: z.ZodError, where: string): Problem {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
  return badRequest(
    `The ${where} is invalid: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    { issues },
  )
}
