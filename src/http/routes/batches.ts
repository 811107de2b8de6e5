import { z } from 'zod'
import { inputFormats, LineErrorSchema, pickExport, VerdictSchema } from '../../core/index.ts'
import { submitBatch, streamBatch, type BatchRequest } from '../../service/batches.ts'
import type { ApiApp } from '../app.ts'
import { checkDeclaredLength, limitStream } from '../body.ts'
import { jsonContent, linesOf, ndjsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute, builtResponse } from '../openapi/route.ts'
import { actorOf } from '../env.ts'
import { Problem, notFound } from '../problem.ts'
import { uploadFormat } from '../upload-format.ts'
import { BatchSchema, TransferRecordDoc } from '../schemas.ts'
import { visibleBatch } from '../owner.ts'
import { batchView } from './batch-view.ts'

/** How the API document shows an upload, under every media type of every input format. */
const UPLOAD_CONTENT = Object.fromEntries(
  inputFormats.formats.flatMap((f) => {
    const doc = f.documented === 'json-record-lines' ? { schema: linesOf(TransferRecordDoc) } : { schema: { type: 'string' as const }, example: f.documented.example }
    return f.mediaTypes.map((mediaType) => [mediaType, doc])
  }),
)

const BatchQuery = z.object({
  stream: z.enum(['true', 'false']).optional().describe('true: screen while uploading and stream the outputs back as NDJSON'),
})
const BatchHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .optional()
    .describe("a retried upload with the same key and the same body returns the same batch and is not screened twice; keys are the caller's own (another API key's batches are never returned); a different body under a used key is 422"),
})
const IdParam = z.object({ id: z.string().describe('batch id') })

const encoder = new TextEncoder()
const STREAM_BUFFER_BYTES = 8 * 1024 * 1024
/** how a streamed batch's outputs are written back */
const OUTPUTS = pickExport('outputs', { name: 'ndjson' })!

const createBatch = apiRoute({
  method: 'post', path: '/v1/batches', operationId: 'createBatch', tags: ['batches'], roles: ['screen'],
  summary: 'Upload a batch of transfers (NDJSON, CSV, or ISO 20022 pacs.008 or pain.001)',
  description:
    'The body is read as a stream, so it can be large (2 GiB by default). By default the upload is stored and the answer is 202 with the batch; screening runs in the background, and a batch cut off by a restart is resumed from the stored upload. With `?stream=true` the records are screened as they arrive and the outputs (one per input record, in input order) stream back as NDJSON. An `application/xml` body is a pacs.008 or a pain.001 message, told apart by its namespace (or its first element under `Document`); each CdtTrfTxInf is one record (docs/interop.md). The batch is screened with the rule set active when it was created. Records are screened in the order given, each against the batch\'s own history.',
  request: {
    query: BatchQuery,
    headers: BatchHeaders,
    body: { required: true, content: UPLOAD_CONTENT },
  },
  responses: {
    202: { description: 'stored; screening in the background', content: jsonContent(BatchSchema) },
    200: {
      description: 'with ?stream=true: one output per input record, in order; or an earlier batch with the same Idempotency-Key',
      content: { ...ndjsonContent(VerdictSchema, LineErrorSchema), ...jsonContent(BatchSchema) },
    },
    422: { description: 'a different body under an Idempotency-Key this key used before', content: problemContent },
    409: { description: 'the Idempotency-Key belongs to a streamed batch that is still running', content: problemContent },
    413: { description: 'the body exceeds the batch limit', content: problemContent },
    415: { description: `Content-Type names no input format (${inputFormats.mediaTypesText()})`, content: problemContent },
    503: { description: 'database unreachable, no active rule set, or the server is shutting down', content: problemContent },
  },
})

const getBatchRoute = apiRoute({
  method: 'get', path: '/v1/batches/{id}', operationId: 'getBatch', tags: ['batches'], roles: ['screen', 'analyst'],
  summary: 'Status, progress and summary of a batch',
  description: 'A screen key sees the batches it uploaded; analyst and admin keys the batches of their tenant. Any other id is 404.',
  request: { params: IdParam },
  responses: { 200: { description: 'the batch', content: jsonContent(BatchSchema) }, 404: { description: 'no such batch', content: problemContent } },
})

export function batchRoutes(app: ApiApp): void {
  app.openapi(createBatch, async (c) => {
    const deps = c.var.deps
    if (deps.draining?.()) throw new Problem(503, 'shutting-down', 'Shutting down', 'This server is stopping; send the batch again.', {}, { 'retry-after': '1' })
    const query = c.req.valid('query')
    const contentType = c.req.header('content-type') ?? ''
    if (!inputFormats.forMediaType(contentType)) {
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', `Send Content-Type: ${inputFormats.mediaTypesText()}.`)
    }
    const limit = deps.config.batchBodyLimit
    checkDeclaredLength(c.req.raw, limit)
    const { format, body } = await uploadFormat(contentType, limitStream(c.req.raw.body ?? new ReadableStream({ start: (ctl) => ctl.close() }), limit))
    if (!format) throw new Error('a known media type names no format')
    const idempotencyKey = c.req.valid('header')['Idempotency-Key']?.slice(0, 256) || null
    const principal = c.get('principal')
    const req: BatchRequest = { format, idempotencyKey, actor: actorOf(principal), ownerKey: principal.keyId, tenant: principal.tenant, body }

    if (query.stream !== 'true') {
      const { batch, created } = await submitBatch(deps, req)
      c.header('location', `/v1/batches/${batch.id}`)
      if (!created) c.header('idempotent-replayed', 'true')
      return c.json(batchView(batch), created ? 202 : 200)
    }

    // a few MiB of slack, so a client that reads the answer only after sending everything does not stall us
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, undefined, {
      highWaterMark: STREAM_BUFFER_BYTES,
      size: (chunk) => chunk.byteLength,
    })
    const writer = writable.getWriter()
    const opened = await streamBatch(deps, req, async (outputs) => {
      await writer.ready
      await writer.write(encoder.encode(OUTPUTS.encode(outputs)))
    })
    if (!opened.run) {
      await writer.close()
      if (opened.batch.status !== 'completed') {
        throw new Problem(409, 'conflict', 'Batch in progress', `Batch ${opened.batch.id} with this Idempotency-Key has not finished; see its status.`, { batch: opened.batch.id })
      }
      c.header('idempotent-replayed', 'true')
      c.header('location', `/v1/batches/${opened.batch.id}`)
      return c.json(batchView(opened.batch), 200)
    }
    opened.run.then(
      () => writer.close(),
      (err) => writer.abort(err).catch(() => {}),
    )
    return builtResponse(
      new Response(readable, {
        status: 200,
        headers: { 'content-type': OUTPUTS.mediaType, 'x-batch-id': opened.batch.id, location: `/v1/batches/${opened.batch.id}` },
      }),
    )
  })

  app.openapi(getBatchRoute, async (c) => {
    const batch = await visibleBatch(c.var.deps.db, c.get('principal'), c.req.valid('param').id)
    return c.json(batchView(batch), 200)
  })
}
