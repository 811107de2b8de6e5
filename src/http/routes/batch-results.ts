import { z } from 'zod'
import { getBatch } from '../../store/batches.ts'
import { listBatchCases } from '../../store/cases.ts'
import type { Db } from '../../store/db.ts'
import { batchOutputsPage, type Decision } from '../../store/verdicts.ts'
import { requireRole } from '../auth.ts'
import { parseWith } from '../body.ts'
import { problemContent, type RouteModule } from '../deps.ts'
import { notFound } from '../problem.ts'

const PAGE = 1000
const DECISIONS = ['clear', 'review', 'block'] as const

const IdParam = z.object({ id: z.string().describe('batch id') })
const VerdictQuery = z.object({
  decision: z
    .string()
    .regex(/^(clear|review|block)(,(clear|review|block))*$/, 'a comma-separated list of clear, review, block')
    .optional()
    .describe('only verdicts with these decisions, e.g. review,block; line errors are left out when set'),
})

async function existingBatch(db: Db, id: string) {
  const batch = await getBatch(db, id)
  if (!batch) throw notFound(`There is no batch ${id}.`)
  return batch
}

/** Pages through stored outputs by seq, so any batch size streams in flat memory on both drivers. */
function streamOutputs(db: Db, batchId: string, decisions: Decision[] | undefined): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let after = -1
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await batchOutputsPage(db, batchId, { afterSeq: after, limit: PAGE, ...(decisions ? { decisions } : {}) })
      if (page.length === 0) return controller.close()
      after = page[page.length - 1]!.seq
      let text = ''
      for (const row of page) text += JSON.stringify(row.output) + '\n'
      controller.enqueue(encoder.encode(text))
    },
  })
}

export const batchResultRoutes: RouteModule = {
  operations: [
    {
      method: 'get', path: '/v1/batches/:id/verdicts', operationId: 'batchVerdicts', tag: 'batches', roles: ['screen', 'analyst'],
      summary: "Stream a batch's outputs as NDJSON, in input order",
      description:
        'One line per input record (a verdict, or a line error for a record that could not be read), in input order. With TXSCREEN_STORE_VERDICTS=alerts only alerts and line errors are kept. Available while the batch runs: what is stored so far.',
      pathParams: IdParam,
      query: VerdictQuery,
      responses: {
        200: { description: 'NDJSON', content: [{ contentType: 'application/x-ndjson', lineSchema: ['Verdict', 'LineError'] }] },
        404: { description: 'no such batch', content: problemContent },
      },
    },
    {
      method: 'get', path: '/v1/batches/:id/cases', operationId: 'batchCases', tag: 'batches', roles: ['screen', 'analyst'],
      summary: "A completed batch's entity-level cases, highest score first",
      pathParams: IdParam,
      responses: {
        200: { description: 'cases (empty until the batch completes)', content: [{ contentType: 'application/json', schema: 'BatchCases' }] },
        404: { description: 'no such batch', content: problemContent },
      },
    },
  ],
  mount(app, deps) {
    app.get('/v1/batches/:id/verdicts', requireRole(deps, 'screen', 'analyst'), async (c) => {
      const query = parseWith(VerdictQuery, c.req.query(), 'query')
      const batch = await existingBatch(deps.db, c.req.param('id'))
      const decisions = query.decision ? (query.decision.split(',') as Decision[]).filter((d) => DECISIONS.includes(d)) : undefined
      return new Response(streamOutputs(deps.db, batch.id, decisions), {
        headers: { 'content-type': 'application/x-ndjson', 'x-batch-status': batch.status },
      })
    })

    app.get('/v1/batches/:id/cases', requireRole(deps, 'screen', 'analyst'), async (c) => {
      const batch = await existingBatch(deps.db, c.req.param('id'))
      return c.json({ batch: batch.id, status: batch.status, cases: await listBatchCases(deps.db, batch.id) })
    })
  },
}
