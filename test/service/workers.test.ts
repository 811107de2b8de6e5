import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { DIALECTS, TEST_PG_URL } from './support/databases.ts'
import { structuringSequence } from './support/alerting.ts'
import { transfer } from './support/rules.ts'

type Worker = { fetch(input: string, init?: RequestInit): Promise<Response>; stop(): Promise<void> }

// the Worker reaches PostgreSQL through the Hyperdrive binding's local connection string
describe.runIf(DIALECTS.includes('pg'))('workerd: the Worker screens a transfer', () => {
  const database = `txscreen_worker_${process.pid}`
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  let worker: Worker | undefined
  let key = ''
  let analystKey = ''

  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_PG_URL })
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    await admin(`drop database if exists ${database}`)
    await admin(`create database ${database}`)
    const store = await openDatabase({ kind: 'pg', url: url.toString() })
    key = (await createApiKey(store.db, { role: 'screen', name: 'worker test' })).key
    analystKey = (await createApiKey(store.db, { role: 'analyst', name: 'worker analyst' })).key
    await store.close()

    // Hyperdrive insists on a password, even for a server that trusts local connections
    const hyperdriveUrl = new URL(url)
    if (!hyperdriveUrl.password) hyperdriveUrl.password = 'local'
    process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE = hyperdriveUrl.toString()
    // offline: no telemetry, no download of the Request.cf fixture
    process.env.WRANGLER_SEND_METRICS = 'false'
    process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
    const { unstable_dev } = await import('wrangler')
    worker = (await unstable_dev('src/adapters/workers/index.ts', {
      config: 'wrangler.toml',
      ip: '127.0.0.1',
      port: 0,
      inspectorPort: 0,
      persist: false,
      logLevel: 'warn',
      // a loaded test machine must not trip the real-time deadline
      vars: { TXSCREEN_SCREEN_TIMEOUT_MS: '15000' },
      experimental: { disableExperimentalWarning: true, testMode: true },
    })) as unknown as Worker
  }, 120_000)

  afterAll(async () => {
    await worker?.stop()
    await admin(`drop database if exists ${database} with (force)`)
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
      const res = await worker!.fetch('/v1/screen', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(transfer(0, from, 'WORKER-B')),
      })
      const verdict = await res.json() as { decision: string; ruleset: string }
      expect(res.status).toBe(200)
      expect(verdict.decision).toBe('clear')
      expect(verdict.ruleset).toMatch(/^txscreen-default@/)
    }

    // state carried between requests, each with its own connection: the third transfer alerts, with these hits
    const { bodies, expected } = structuringSequence('WORKER-S')
    const verdicts = []
    for (const body of bodies) {
      const res = await worker!.fetch('/v1/screen', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(200)
      verdicts.push(await res.json())
    }
    expect(verdicts[2]).toMatchObject(expected)
  }, 60_000)
})
