import { z } from 'zod'
import { DecisionSchema } from '../../core/index.ts'
import { entityTransfers } from '../../store/entity-transfers.ts'
import type { ApiApp } from '../app.ts'
import { jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { badRequest } from '../problem.ts'
import { TransferRecordDoc } from '../schemas.ts'

const MAX_SPAN_MS = 366 * 86_400_000

const TransfersQuery = z.object({
  from: z.iso.datetime({ offset: true }).describe('transfers at or after this time'),
  to: z.iso.datetime({ offset: true }).describe('transfers at or before this time'),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
})

const EntityTransfersSchema = z
  .object({
    key: z.string(),
    from: z.string(),
    to: z.string(),
    transfers: z.array(
      z.object({
        id: z.string(),
        occurredAt: z.string(),
        record: TransferRecordDoc,
        decision: DecisionSchema.nullable(),
        score: z.number().nullable(),
      }),
    ),
    truncated: z.boolean().describe('more transfers lie in the window than `limit`'),
  })
  .meta({ id: 'EntityTransfers' })

const listEntityTransfers = apiRoute({
  method: 'get', path: '/v1/entities/{key}/transfers', operationId: 'entityTransfers', tags: ['alerts'], roles: ['analyst'],
  summary: "An entity's real-time transfers in a window, for the picture of its counterparties",
  description:
    "The real-time history kept under a state key (a transfer is kept under the keys the active rules look at) (`id:ACC-1`, `phone:447700900123`, as a hit's `evidence.entity` names it; a bare party id means `id:`), oldest first, with each transfer's stored decision. The caller's tenant only: a transfer shows when its real-time verdict is stored for the tenant (every one with `TXSCREEN_STORE_VERDICTS=all`, alerts only with `alerts`). The history lasts as long as the real-time retention keeps it; batch uploads are not in it.",
  request: { params: z.object({ key: z.string().min(1).max(300) }), query: TransfersQuery },
  responses: { 200: { description: 'transfers', content: jsonContent(EntityTransfersSchema) }, 400: { description: 'bad window', content: problemContent } },
})

export function entityRoutes(app: ApiApp): void {
  app.openapi(listEntityTransfers, async (c) => {
    const { key: given } = c.req.valid('param')
    const q = c.req.valid('query')
    const from = Date.parse(q.from)
    const to = Date.parse(q.to)
    if (!(to >= from) || to - from > MAX_SPAN_MS) {
      throw badRequest('The query is invalid: `to` must be at or after `from`, at most 366 days later.')
    }
    const key = given.includes(':') ? given : `id:${given}`
    const rows = await entityTransfers(c.var.deps.db, key, c.get('principal').tenant, new Date(from).toISOString(), new Date(to).toISOString(), q.limit + 1)
    const transfers = rows.slice(0, q.limit) as z.infer<typeof EntityTransfersSchema>['transfers']
    return c.json({ key, from: new Date(from).toISOString(), to: new Date(to).toISOString(), transfers, truncated: rows.length > q.limit }, 200)
  })
}
