import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { useSeededService, type Keys } from '../service/support/service.ts'
import { NDJSON_LINE } from './inputs.ts'

/**
 * Issue 18 fuzz suite, every route: 1,000 random requests each (bodies, headers and query strings all random,
 * keys of every role or none), and not one answer is a 5xx. PGlite only: the answers do not depend on the dialect,
 * and the batch suites cover PostgreSQL.
 */

const ROUTES: { method: string; path: string }[] = [
  { method: 'POST', path: '/v1/screen' },
  { method: 'POST', path: '/v1/batches' },
  { method: 'GET', path: '/v1/batches/{id}' },
  { method: 'GET', path: '/v1/batches/{id}/verdicts' },
  { method: 'GET', path: '/v1/batches/{id}/cases' },
  { method: 'GET', path: '/v1/alerts' },
  { method: 'GET', path: '/v1/rulesets' },
  { method: 'POST', path: '/v1/rulesets' },
  { method: 'POST', path: '/v1/rulesets/{version}/activate' },
  { method: 'GET', path: '/v1/lists' },
  { method: 'POST', path: '/v1/lists/reload' },
  { method: 'GET', path: '/v1/keys' },
  { method: 'POST', path: '/v1/keys' },
  { method: 'DELETE', path: '/v1/keys/{id}' },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/ready' },
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs' },
]

const PER_ROUTE = 1_000

const ascii = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max })

const PARAM = fc.oneof(
  fc.uuid(),
  fc.constantFrom('1', '0', '-1', '99999999999999999999', 'txscreen-default@1#abc', '..', '%2e%2e', '%00', '%ZZ', '%F0%9F%98%80', '%ED%A0%80', 'a'.repeat(2000)),
  ascii(30).map(encodeURIComponent),
)

const QUERY_KEYS = ['limit', 'cursor', 'after', 'decision', 'stream', 'since', 'status', 'format', 'from', 'to', 'page', '__proto__', 'constructor']
const QUERY_VALUE = fc.oneof(
  fc.constantFrom('', '0', '-1', '1e400', '99999999999999999999', 'NaN', 'true', 'false', 'review,block', 'clear,,', 'null', '%00', '%ZZ', '[]', '{}'),
  ascii(20).map(encodeURIComponent),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
)
const QUERY = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), ascii(8).map(encodeURIComponent)), QUERY_VALUE), { maxLength: 4 }).map((pairs) =>
  pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`,
)

const CONTENT_TYPES = ['application/json', 'application/x-ndjson', 'text/csv', 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/problem+json', '', '*/*', 'application/x-ndjson; q=0']
const HEADERS = fc.record(
  {
    'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), ascii(30)),
    accept: fc.oneof(fc.constantFrom('text/csv', 'application/x-ndjson', 'application/json', '*/*', 'text/html', ''), ascii(20)),
    'idempotency-key': fc.oneof(fc.uuid(), ascii(300)),
    'x-request-id': ascii(40),
  },
  { requiredKeys: [] },
)

const BODY = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  NDJSON_LINE,
  fc.array(NDJSON_LINE, { maxLength: 5 }).map((l) => l.join('\n')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '{}', '[]', 'null', '{"files":[]}', '{"files":[{"path":"a.yaml","text":"kind: ruleset"}]}', '{"role":"admin","name":"x"}', '{"role":"root"}', '{"__proto__":{"admin":true}}', '{"activate":true,"files":"x"}'),
)

const KEY = (keys: Keys) => fc.constantFrom(undefined, 'Bearer nope', 'Basic Zm9vOmJhcg==', 'Bearer ', `Bearer ${keys.screen}`, `Bearer ${keys.analyst}`, `Bearer ${keys.admin}`, `Bearer ${keys.admin}`)

describe('every route with random requests', () => {
  const s = useSeededService('pglite')

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: ${PER_ROUTE} random bodies, headers and query strings, no 5xx`, { timeout: 240_000 }, async () => {
      const request = fc.record({ param: PARAM, query: QUERY, headers: HEADERS, body: BODY, key: KEY(s.keys) })
      const requests = fc.sample(request, { numRuns: PER_ROUTE, seed: route.path.length * 31 + route.method.length })
      const failures: string[] = []
      // a few at a time, as callers would send them
      for (let i = 0; i < requests.length; i += 8) {
        await Promise.all(
          requests.slice(i, i + 8).map(async (r) => {
            const path = route.path.replace(/\{[a-z]+\}/, r.param) + r.query
            const headers = new Headers(r.headers)
            if (r.key) headers.set('authorization', r.key)
            const init: RequestInit = { method: route.method, headers }
            if (route.method !== 'GET') init.body = r.body
            const res = await s.svc.app.request(path, init)
            const text = await res.text()
            if (res.status >= 500) failures.push(`${res.status} ${route.method} ${path} ${JSON.stringify(r.headers)} ${r.body.slice(0, 200)} -> ${text.slice(0, 300)}`)
          }),
        )
      }
      expect(failures.slice(0, 5)).toEqual([])
    })
  }
})
