import { audit } from '../../store/audit.ts'
import { requireRole } from '../auth.ts'
import { jsonContent, problemContent, type RouteModule } from '../deps.ts'
import { actorOf } from '../env.ts'
import { Problem } from '../problem.ts'

export const listRoutes: RouteModule = {
  operations: [
    {
      method: 'get', path: '/v1/lists', operationId: 'describeLists', tag: 'lists', roles: ['analyst'],
      summary: 'The sanctions lists and indicator lists screening uses now',
      responses: { 200: { description: 'the loaded lists', content: jsonContent('Lists') } },
    },
    {
      method: 'post', path: '/v1/lists/reload', operationId: 'reloadLists', tag: 'lists', roles: [],
      summary: 'Read the configured lists again, without a restart',
      description:
        'Screening calls already under way finish with the lists they started with; later calls use the new ones. A list that fails to load leaves the previous lists in place and answers 422.',
      responses: {
        200: { description: 'the lists now in use', content: jsonContent('Lists') },
        409: { description: 'this deployment has no lists configured', content: problemContent },
        422: { description: 'a list could not be read; the previous lists stay in use', content: problemContent },
      },
    },
  ],
  mount(app, deps) {
    app.get('/v1/lists', requireRole(deps, 'analyst'), (c) => c.json(deps.lists?.describe() ?? { loadedAt: null, sources: [] }))

    app.post('/v1/lists/reload', requireRole(deps), async (c) => {
      const lists = deps.lists
      if (!lists?.canReload) throw new Problem(409, 'conflict', 'No lists', 'Start the server with TXSCREEN_LISTS to screen against lists.')
      let described
      try {
        described = await lists.reload()
      } catch (err) {
        throw new Problem(422, 'invalid-list', 'List not loaded', `${(err as Error).message}; the previous lists stay in use.`)
      }
      await audit(deps.db, { actor: actorOf(c.get('principal')), action: 'lists.reload', target: 'lists', details: { sources: described.sources } })
      return c.json(described)
    })
  },
}
