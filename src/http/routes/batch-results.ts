import { z } from 'zod'
import { exportForAccept, exportsOf, LineErrorSchema, pickExport, VerdictSchema, type ScreenOutput } from '../../core/index.ts'
import { listBatchCases } from '../../store/cases.ts'
import type { Db } from '../../store/db.ts'
import { visibleBatch } from '../owner.ts'
import { batchOutputsPage, type Decision } from '../../store/verdicts.ts'
import type { ApiApp } from '../app.ts'
import { jsonContent, ndjsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute, builtResponse } from '../openapi/route.ts'
import { BatchCasesSchema } from '../schemas.ts'

const PAGE = 1000
/** how stored outputs are written out */
const OUTPUTS = pickExport('outputs', { name: 'ndjson' })!
const DECISIONS = ['clear', 'review', 'block'] as const

const IdParam = z.object({ id: z.string().describe('batch id') })
const VerdictQuery = z.object({
  decision: z
    .string()
    .regex(/^(clear|review|block)(,(clear|review|block))*$/, 'a comma-separated list of clear, review, block')
    .optional()
    .describe('only verdicts with these decisions, e.g. review,block; line errors are left out when set'),
})

const batchVerdicts = apiRoute({
  method: 'get', path: '/v1/batches/{id}/verdicts', operationId: 'batchVerdicts', tags: ['batches'], roles: ['screen', 'analyst'],
  summary: "Stream a batch's outputs as NDJSON, in input order",
  description:
    'One line per input record (a verdict, or a line error for a record that could not be read), in input order. With TXSCREEN_STORE_VERDICTS=alerts only alerts and line errors are kept. Available while the batch runs: what is stored so far.',
  request: { params: IdParam, query: VerdictQuery },
  responses: {
    200: { description: 'NDJSON', content: ndjsonContent(VerdictSchema, LineErrorSchema) },
    404: { description: 'no such batch', content: problemContent },
  },
})

const batchCases = apiRoute({
  method: 'get', path: '/v1/batches/{id}/cases', operationId: 'batchCases', tags: ['batches'], roles: ['screen', 'analyst'],
  summary: "A completed batch's entity-level cases, highest score first",
  request: { params: IdParam },
  responses: {
    200: {
      description: 'cases (empty until the batch completes); an export of them instead when Accept names its media type',
      content: { ...jsonContent(BatchCasesSchema), ...Object.fromEntries(exportsOf('cases').map((e) => [e.mediaType, { schema: { type: 'string' as const } }])) },
    },
    404: { description: 'no such batch', content: problemContent },
  },
})

/** Pages through stored outputs by seq, so any batch size streams in flat memory on both drivers. */
function streamOutputs(db: Db, batchId: string, decisions: Decision[] | undefined): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let after = -1
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await batchOutputsPage(db, batchId, { afterSeq: after, limit: PAGE, ...(decisions ? { decisions } : {}) })
      if (page.length === 0) return controller.close()
      after = page[page.length - 1]!.seq
      controller.enqueue(encoder.encode(OUTPUTS.encode(page.map((row) => row.output as ScreenOutput))))
    },
  })
}

export function batchResultRoutes(app: ApiApp): void {
  app.openapi(batchVerdicts, async (c) => {
    const { db } = c.var.deps
    const query = c.req.valid('query')
    const batch = await visibleBatch(db, c.get('principal'), c.req.valid('param').id)
    const decisions = query.decision ? (query.decision.split(',') as Decision[]).filter((d) => DECISIONS.includes(d)) : undefined
    return builtResponse(
      new Response(streamOutputs(db, batch.id, decisions), {
        headers: { 'content-type': OUTPUTS.mediaType, 'x-batch-status': batch.status },
      }),
    )
  })

  app.openapi(batchCases, async (c) => {
    const { db } = c.var.deps
    const batch = await visibleBatch(db, c.get('principal'), c.req.valid('param').id)
    const cases = await listBatchCases(db, batch.id)
    const asked = exportForAccept('cases', c.req.header('accept'))
    if (asked) {
      return builtResponse(new Response(asked.header + asked.encode(cases), { headers: { 'content-type': asked.mediaType, 'x-batch-status': batch.status } }))
    }
    return c.json({ batch: batch.id, status: batch.status, cases }, 200)
  })
}
