import { z } from 'zod'
import { audit } from '../../store/audit.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '../../store/api-keys.ts'
import { requireRole } from '../auth.ts'
import { KiB, readJson } from '../body.ts'
import { jsonContent, problemContent, type RouteModule } from '../deps.ts'
import { actorOf } from '../env.ts'
import { notFound } from '../problem.ts'
import { CreateKeySchema } from '../schemas.ts'

const IdParam = z.object({ id: z.string().describe('key id (the part after txs_ in the prefix)') })

export const keyRoutes: RouteModule = {
  operations: [
    {
      method: 'get', path: '/v1/keys', operationId: 'listKeys', tag: 'keys', roles: [],
      summary: 'API keys (without their secrets)',
      responses: { 200: { description: 'keys', content: jsonContent('KeyList') } },
    },
    {
      method: 'post', path: '/v1/keys', operationId: 'createKey', tag: 'keys', roles: [],
      summary: 'Create an API key; the secret is in this answer only',
      body: [{ contentType: 'application/json', schema: 'CreateKey' }],
      responses: { 201: { description: 'created', content: jsonContent('CreatedKey') } },
    },
    {
      method: 'delete', path: '/v1/keys/:id', operationId: 'revokeKey', tag: 'keys', roles: [],
      summary: 'Revoke an API key',
      pathParams: IdParam,
      responses: { 204: { description: 'revoked' }, 404: { description: 'no such live key', content: problemContent } },
    },
  ],
  mount(app, deps) {
    app.get('/v1/keys', requireRole(deps), async (c) => c.json({ keys: await listApiKeys(deps.db) }))

    app.post('/v1/keys', requireRole(deps), async (c) => {
      const body = await readJson(c.req.raw, CreateKeySchema, 4 * KiB)
      const actor = actorOf(c.get('principal'))
      const created = await deps.db.transaction().execute(async (tx) => {
        const made = await createApiKey(tx, { role: body.role, ...(body.name && { name: body.name }), createdBy: actor })
        await audit(tx, { actor, action: 'key.create', target: made.info.id, details: { role: body.role, name: made.info.name } })
        return made
      })
      deps.apiKeys?.invalidate()
      return c.json({ ...created.info, key: created.key }, 201)
    })

    app.delete('/v1/keys/:id', requireRole(deps), async (c) => {
      const id = c.req.param('id')
      const actor = actorOf(c.get('principal'))
      const revoked = await deps.db.transaction().execute(async (tx) => {
        const done = await revokeApiKey(tx, id)
        if (done) await audit(tx, { actor, action: 'key.revoke', target: id })
        return done
      })
      // committed: this process stops accepting the key before the answer goes out
      deps.apiKeys?.invalidate()
      if (!revoked) throw notFound(`There is no live key ${id}.`)
      return c.body(null, 204)
    })
  },
}
