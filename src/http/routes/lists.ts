import { audit } from '../../store/audit.ts'
import type { ApiApp } from '../app.ts'
import { actorOf } from '../env.ts'
import { jsonContent, problemContent } from '../openapi/content.ts'
import { apiRoute } from '../openapi/route.ts'
import { Problem } from '../problem.ts'
import { ListsSchema } from '../schemas.ts'

const describeLists = apiRoute({
  method: 'get', path: '/v1/lists', operationId: 'describeLists', tags: ['lists'], roles: ['analyst'],
  summary: 'The sanctions lists and indicator lists screening uses now',
  responses: { 200: { description: 'the loaded lists', content: jsonContent(ListsSchema) } },
})

const reloadLists = apiRoute({
  method: 'post', path: '/v1/lists/reload', operationId: 'reloadLists', tags: ['lists'], roles: [],
  summary: 'Read the configured lists again, without a restart',
  description:
    'Screening calls already under way finish with the lists they started with; later calls use the new ones. A list that fails to load leaves the previous lists in place and answers 422.',
  responses: {
    200: { description: 'the lists now in use', content: jsonContent(ListsSchema) },
    409: { description: 'this deployment has no lists configured', content: problemContent },
    422: { description: 'a list could not be read; the previous lists stay in use', content: problemContent },
  },
})

export function listRoutes(app: ApiApp): void {
  app.openapi(describeLists, (c) => c.json(c.var.deps.lists?.describe() ?? { loadedAt: null, sources: [] }, 200))

  app.openapi(reloadLists, async (c) => {
    const lists = c.var.deps.lists
    if (!lists?.canReload) throw new Problem(409, 'conflict', 'No lists', 'Start the server with TXSCREEN_LISTS to screen against lists.')
    let described
    try {
      described = await lists.reload()
    } catch (err) {
      throw new Problem(422, 'invalid-list', 'List not loaded', `${(err as Error).message}; the previous lists stay in use.`)
    }
    await audit(c.var.deps.db, { actor: actorOf(c.get('principal')), action: 'lists.reload', target: 'lists', details: { sources: described.sources } })
    return c.json(described, 200)
  })
}
