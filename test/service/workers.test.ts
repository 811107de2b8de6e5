import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from './support/databases.ts'
import { structuringSequence } from './support/alerting.ts'
import { transfer } from './support/rules.ts'
import { screenOn, startWorker, workerDatabase, type Worker } from './support/workerd.ts'

// the Worker reaches PostgreSQL through the Hyperdrive binding's local connection string
describe.runIf(DIALECTS.includes('pg'))('workerd: the Worker screens a transfer', () => {
  let worker: Worker | undefined
  let db: Awaited<ReturnType<typeof workerDatabase>> | undefined
  let key = ''
  let analystKey = ''

  beforeAll(async () => {
    db = await workerDatabase('txscreen_worker')
    key = db.key
    analystKey = db.analystKey
    worker = await startWorker(db.url)
  }, 120_000)

  afterAll(async () => {
    await worker?.stop()
    await db?.drop()
  })

  it('says a shadow rule set is unavailable on a Worker (its real-time state is in the database)', async () => {
    const { versions } = (await (await worker!.fetch('/v1/rulesets', { headers: { authorization: `Bearer ${analystKey}` } })).json()) as { versions: { version: string }[] }
    const res = await worker!.fetch(`/v1/rulesets/${encodeURIComponent(versions[0]!.version)}/shadow`, { method: 'POST', headers: { authorization: `Bearer ${analystKey}` } })
    expect(res.status).toBe(501)
    expect(((await res.json()) as { type: string }).type).toMatch(/shadow-unavailable$/)
  })

  it('serves health and the API document, and screens with the bundled rule pack', async () => {
    expect((await worker!.fetch('/health')).status).toBe(200)
    const doc = await (await worker!.fetch('/openapi.json')).json() as { openapi: string }
    expect(doc.openapi).toBe('3.1.0')
    // the workbench page and its bundle, from the module wrangler's build command generates
    const page = await worker!.fetch('/workbench')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Sign in with a key')
    expect((await worker!.fetch('/workbench/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/)

    const denied = await worker!.fetch('/v1/screen', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(denied.status).toBe(401)
    expect(denied.headers.get('content-type')).toBe('application/problem+json')

    // the app and its key cache outlive a request; each request brings its own database connection
    for (const from of ['WORKER-A', 'WORKER-C']) {
      const res = await screenOn(worker!, key, transfer(0, from, 'WORKER-B'))
      const verdict = await res.json() as { decision: string; ruleset: string }
      expect(res.status).toBe(200)
      expect(verdict.decision).toBe('clear')
      expect(verdict.ruleset).toMatch(/^txscreen-default@/)
    }

    // state carried between requests, held by the partitions' Durable Objects: the third transfer alerts, with these hits
    const { bodies, expected } = structuringSequence('WORKER-S')
    const verdicts = []
    for (const body of bodies) {
      const res = await screenOn(worker!, key, body)
      expect(res.status).toBe(200)
      verdicts.push(await res.json())
    }
    expect(verdicts[2]).toMatchObject(expected)
  }, 60_000)
})
