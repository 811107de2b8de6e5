import { z } from 'zod'
import type { ScreenOutput } from '../../core/index.ts'
import { submitBatch, streamBatch, type BatchRequest } from '../../service/batches.ts'
import { getBatch } from '../../store/batches.ts'
import { requireRole } from '../auth.ts'
import { checkDeclaredLength, limitStream, parseWith } from '../body.ts'
import { jsonContent, problemContent, type RouteModule } from '../deps.ts'
import { actorOf } from '../env.ts'
import { Problem, notFound } from '../problem.ts'
import { batchView } from './batch-view.ts'

const FORMATS: Record<string, 'ndjson' | 'csv'> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
}

const BatchQuery = z.object({
  stream: z.enum(['true', 'false']).optional().describe('true: screen while uploading and stream the outputs back as NDJSON'),
})
const IdParam = z.object({ id: z.string().describe('batch id') })

const encoder = new TextEncoder()
const STREAM_BUFFER_BYTES = 8 * 1024 * 1024

function ndjson(outputs: ScreenOutput[]): Uint8Array {
  let text = ''
  for (const o of outputs) text += JSON.stringify(o) + '\n'
  return encoder.encode(text)
}

export const batchRoutes: RouteModule = {
  operations: [
    {
      method: 'post', path: '/v1/batches', operationId: 'createBatch', tag: 'batches', roles: ['screen'],
      summary: 'Upload a batch of transfers (NDJSON or CSV)',
      description:
        'The body is read as a stream, so it can be large (2 GiB by default). By default the upload is stored and the answer is 202 with the batch; screening runs in the background, and a batch cut off by a restart is resumed from the stored upload. With `?stream=true` the records are screened as they arrive and the outputs (one per input record, in input order) stream back as NDJSON. The batch is screened with the rule set active when it was created. Records are screened in the order given, each against the batch\'s own history.',
      query: BatchQuery,
      headers: {
        'Idempotency-Key': { description: 'a retried upload with the same key returns the same batch and is not screened twice' },
      },
      body: [
        { contentType: 'application/x-ndjson', lineSchema: 'TransferRecord' },
        { contentType: 'text/csv', example: 'id,timestamp,amount,currency,sender.id,receiver.id\nT1,2026-03-01T10:00:00Z,950.00,GBP,ACC-1,ACC-2' },
      ],
      responses: {
        202: { description: 'stored; screening in the background', content: jsonContent('Batch') },
        200: {
          description: 'with ?stream=true: one output per input record, in order; or an earlier batch with the same Idempotency-Key',
          content: [{ contentType: 'application/x-ndjson', lineSchema: ['Verdict', 'LineError'] }, ...jsonContent('Batch')],
        },
        409: { description: 'the Idempotency-Key belongs to a streamed batch that is still running', content: problemContent },
        413: { description: 'the body exceeds the batch limit', content: problemContent },
        415: { description: 'Content-Type is neither NDJSON nor CSV', content: problemContent },
        503: { description: 'database unreachable, no active rule set, or the server is shutting down', content: problemContent },
      },
    },
    {
      method: 'get', path: '/v1/batches/:id', operationId: 'getBatch', tag: 'batches', roles: ['screen', 'analyst'],
      summary: 'Status, progress and summary of a batch',
      pathParams: IdParam,
      responses: { 200: { description: 'the batch', content: jsonContent('Batch') }, 404: { description: 'no such batch', content: problemContent } },
    },
  ],
  mount(app, deps) {
    app.post('/v1/batches', requireRole(deps, 'screen'), async (c) => {
      if (deps.draining?.()) throw new Problem(503, 'shutting-down', 'Shutting down', 'This server is stopping; send the batch again.', {}, { 'retry-after': '1' })
      const query = parseWith(BatchQuery, c.req.query(), 'query')
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      const format = FORMATS[mediaType]
      if (!format) {
        throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send Content-Type: application/x-ndjson or text/csv.')
      }
      const limit = deps.config.batchBodyLimit
      checkDeclaredLength(c.req.raw, limit)
      const body = limitStream(c.req.raw.body ?? new ReadableStream({ start: (ctl) => ctl.close() }), limit)
      const idempotencyKey = c.req.header('idempotency-key')?.slice(0, 256) || null
      const req: BatchRequest = { format, idempotencyKey, actor: actorOf(c.get('principal')), body }

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
        await writer.write(ndjson(outputs))
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
      return new Response(readable, {
        status: 200,
        headers: { 'content-type': 'application/x-ndjson', 'x-batch-id': opened.batch.id, location: `/v1/batches/${opened.batch.id}` },
      })
    })

    app.get('/v1/batches/:id', requireRole(deps, 'screen', 'analyst'), async (c) => {
      const batch = await getBatch(deps.db, c.req.param('id'))
      if (!batch) throw notFound(`There is no batch ${c.req.param('id')}.`)
      return c.json(batchView(batch))
    })
  },
}
