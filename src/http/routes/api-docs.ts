import { openApiDocument } from '../openapi/document.ts'
import { docsPage } from '../openapi/docs-page.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import type { RouteModule } from '../deps.ts'

/** /openapi.json and /docs, rendered once per app from every route module's operations. */
export function apiDocRoutes(all: () => OperationSpec[]): RouteModule {
  const self: RouteModule = {
    operations: [
      { method: 'get', path: '/openapi.json', operationId: 'openapi', tag: 'operations', roles: 'public', summary: 'This API as an OpenAPI 3.1 document', responses: { 200: { description: 'the document' } } },
      { method: 'get', path: '/docs', operationId: 'docs', tag: 'operations', roles: 'public', summary: 'This API as a readable page', responses: { 200: { description: 'HTML' } } },
    ],
    mount(app) {
      let doc: Record<string, unknown> | undefined
      let html: string | undefined
      const document = () => (doc ??= openApiDocument(all()))
      app.get('/openapi.json', (c) => c.json(document()))
      app.get('/docs', (c) => c.html((html ??= docsPage(document()))))
    },
  }
  return self
}
