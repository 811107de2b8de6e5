import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { BatchCountsSchema, CaseSchema, HitEvidenceSchema, HitSchema, LineErrorSchema, RuleIssueSchema, VerdictSchema } from '../../src/core/index.ts'
import { freshDatabase, type TestDatabase } from '../service/support/databases.ts'
import { TestService } from '../service/support/service.ts'

type Json = Record<string, any>

let test: TestDatabase
let svc: TestService
let doc: Json
let components: Record<string, Json>

beforeAll(async () => {
  test = await freshDatabase('pglite')
  svc = await TestService.open(test.target)
  doc = (await (await svc.request('/openapi.json')).json()) as Json
  components = doc.components.schemas
})
afterAll(async () => {
  await svc?.close()
  await test?.drop()
})

function resolve(schema: Json): Json {
  const ref = schema.$ref as string | undefined
  return ref ? components[ref.replace('#/components/schemas/', '')]! : schema
}

/** the object, array element or value under optional, nullable and default wrappers */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType
    else return s
  }
}

function documentedItem(schema: Json): Json {
  const s = resolve(schema)
  if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) return documentedItem(s.items)
  return s
}

/** Every property of `schema`, at every depth, must be a property of the documented schema, required alike. */
function expectDocumented(schema: z.ZodType, documented: Json, path: string): void {
  const s = unwrap(schema)
  if (!(s instanceof z.ZodObject)) return
  const d = documentedItem(documented)
  for (const [key, field] of Object.entries(s.shape as Record<string, z.ZodType>)) {
    expect(d.properties, `${path} in the document`).toHaveProperty([key])
    const optional = field.safeParse(undefined).success
    expect((d.required ?? []).includes(key), `${path}.${key} required in the document`).toBe(!optional)
    expectDocumented(field, d.properties[key], `${path}.${key}`)
  }
}

describe('the API document', () => {
  it.each([
    ['Verdict', VerdictSchema],
    ['Hit', HitSchema],
    ['HitEvidence', HitEvidenceSchema],
    ['LineError', LineErrorSchema],
    ['Case', CaseSchema],
    ['BatchCounts', BatchCountsSchema],
    ['RuleIssue', RuleIssueSchema],
  ] as const)('describes every field of the core %s schema', (name, schema) => {
    expect(components).toHaveProperty([name])
    expectDocumented(schema, components[name]!, name)
  })

  it('finds a field added to a core schema in the document, and misses one that is not there', () => {
    const extended = VerdictSchema.extend({ reviewedBy: z.string() })
    expect(() => expectDocumented(extended, components.Verdict!, 'Verdict')).toThrow(/reviewedBy/)
  })

  it('resolves every reference', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(20)
    for (const name of new Set(refs)) expect(components, name).toHaveProperty([name])
  })

  it('states roles, answers and line schemas as the routes declare them', () => {
    const screen = doc.paths['/v1/screen'].post as Json
    expect(screen['x-roles']).toEqual(['screen', 'admin'])
    expect(screen.security).toEqual([{ apiKey: [] }])
    expect(Object.keys(screen.responses)).toEqual(['200', '400', '401', '403', '413', '422', '429', '503'])
    expect(screen.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TransferRecord' })
    expect(screen.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Verdict' })

    const verdicts = doc.paths['/v1/batches/{id}/verdicts'].get as Json
    expect(verdicts['x-roles']).toEqual(['screen', 'analyst', 'admin'])
    expect(verdicts.responses['200'].content['application/x-ndjson'].schema['x-line-schema']).toEqual({
      oneOf: [{ $ref: '#/components/schemas/Verdict' }, { $ref: '#/components/schemas/LineError' }],
    })
    expect(doc.paths['/health'].get.security).toEqual([])
    expect(doc['x-problem-types']).toHaveProperty(['unscreenable-record'])
  })

  it('renders the docs page from the document: every operation and problem type', async () => {
    const html = await (await svc.request('/docs')).text()
    for (const methods of Object.values(doc.paths as Json)) {
      for (const op of Object.values(methods as Json)) expect(html).toContain(`id="${(op as Json).operationId}"`)
    }
    for (const slug of Object.keys(doc['x-problem-types'])) expect(html).toContain(`id="problem-${slug}"`)
    expect(html).toContain('lines of <a href="#schema-Verdict">Verdict</a> or <a href="#schema-LineError">LineError</a>')
  })
})
