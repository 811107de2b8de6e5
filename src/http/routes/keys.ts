import { z } from 'zod'
import { audit } from '../../store/audit.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '../../store/api-keys.ts'
import type { ApiApp } from '../app.ts'
import { KiB, readJson } from '../body.ts'
import { actorOf } from '../env.ts'
import { jsonBody, jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { badRequest, notFound } from '../problem.ts'
import { systemClock } from '../../core/index.ts'
import { CreateKeySchema, CreatedKeySchema, KeyListSchema } from '../schemas.ts'

const IdParam = z.object({ id: z.string().describe('key id (the part after txs_ in the prefix)') })

const listKeys = apiRoute({
  method: 'get', path: '/v1/keys', operationId: 'listKeys', tags: ['keys'], roles: [],
  summary: "The tenant's API keys (without their secrets)",
  responses: { 200: { description: 'keys', content: jsonContent(KeyListSchema) } },
})

const createKey = apiRoute({
  method: 'post', path: '/v1/keys', operationId: 'createKey', tags: ['keys'], roles: [],
  summary: 'Create an API key; the secret is in this answer only',
  description: "The key gets the creating admin key's tenant. With `expiresAt` it stops working then.",
  request: { body: jsonBody(CreateKeySchema) },
  responses: { 201: { description: 'created', content: jsonContent(CreatedKeySchema) } },
})

const revokeKey = apiRoute({
  method: 'delete', path: '/v1/keys/{id}', operationId: 'revokeKey', tags: ['keys'], roles: [],
  summary: 'Revoke an API key',
  request: { params: IdParam },
  responses: { 204: { description: 'revoked' }, 404: { description: 'no such live key', content: problemContent } },
})

export function keyRoutes(app: ApiApp): void {
  app.openapi(listKeys, async (c) => c.json({ keys: await listApiKeys(c.var.deps.db, c.get('principal').tenant) }, 200))

  app.openapi(createKey, async (c) => {
    const deps = c.var.deps
    const body = await readJson(c.req.raw, CreateKeySchema, 4 * KiB)
    const principal = c.get('principal')
    const actor = actorOf(principal)
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt)
    if (expiresAt && expiresAt.getTime() <= (deps.clock ?? systemClock).now()) throw badRequest('`expiresAt` must be in the future.')
    const created = await deps.db.transaction().execute(async (tx) => {
      const made = await createApiKey(tx, { role: body.role, ...(body.name && { name: body.name }), createdBy: actor, tenant: principal.tenant, expiresAt })
      await audit(tx, {
        actor,
        action: 'key.create',
        target: made.info.id,
        details: { role: body.role, name: made.info.name, tenant: principal.tenant, expiresAt: made.info.expiresAt },
      })
      return made
    })
    deps.apiKeys?.invalidate()
    return c.json({ ...created.info, key: created.key }, 201)
  })

  app.openapi(revokeKey, async (c) => {
    const deps = c.var.deps
    const { id } = c.req.valid('param')
    const principal = c.get('principal')
    const actor = actorOf(principal)
    const revoked = await deps.db.transaction().execute(async (tx) => {
      const done = await revokeApiKey(tx, id, principal.tenant)
      if (done) await audit(tx, { actor, action: 'key.revoke', target: id })
      return done
    })
    // committed: this process stops accepting the key before the answer goes out
    deps.apiKeys?.invalidate()
    if (!revoked) throw notFound(`There is no live key ${id}.`)
    return c.body(null, 204)
  })
}
