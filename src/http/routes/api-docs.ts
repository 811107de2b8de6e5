import type { ApiApp } from '../app.ts'
import { docsPage } from '../openapi/docs-page.ts'
import { openApiDocument, type OpenApiDocument } from '../openapi/document.ts'
import { apiRoute } from '../openapi/route.ts'

const openapi = apiRoute({
  method: 'get', path: '/openapi.json', operationId: 'openapi', tags: ['operations'], roles: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  responses: { 200: { description: 'the document' } },
})

const docs = apiRoute({
  method: 'get', path: '/docs', operationId: 'docs', tags: ['operations'], roles: 'public',
  summary: 'This API as a readable page',
  responses: { 200: { description: 'HTML' } },
})

/** /openapi.json and /docs, generated once per app from every route declared on it. */
export function apiDocRoutes(app: ApiApp): void {
  let doc: OpenApiDocument | undefined
  let html: string | undefined
  const document = () => (doc ??= openApiDocument(app))
  app.openapi(openapi, (c) => c.json(document()))
  app.openapi(docs, (c) => c.html((html ??= docsPage(document()))))
}
