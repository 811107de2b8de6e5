import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configFromEnv } from '../../src/adapters/node/config.ts'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { startService, type RunningService } from '../../src/adapters/node/service.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { freshDatabase, type TestDatabase } from '../service/support/databases.ts'
import { structuringSequence } from '../service/support/alerting.ts'
import { transfer } from '../service/support/rules.ts'

// the Node server answers POST /v1/screen itself (src/adapters/node/direct-screen.ts) and everything else
// through Hono; both must answer alike
describe('Node server: POST /v1/screen without Hono', () => {
  let test: TestDatabase
  let service: RunningService
  let base = ''
  let screenKey = ''
  let analystKey = ''

  beforeAll(async () => {
    test = await freshDatabase('pglite')
    const store = await openDatabase(test.target)
    screenKey = (await createApiKey(store.db, { role: 'screen' })).key
    analystKey = (await createApiKey(store.db, { role: 'analyst' })).key
    const config = configFromEnv({ PORT: '1', HOST: '127.0.0.1' })
    service = await startService(store, { ...config, port: 0 })
    base = `http://127.0.0.1:${service.port}`
    for (let i = 0; i < 100 && (await fetch(`${base}/ready`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100))
  })
  afterAll(async () => {
    await service?.stop()
    await test?.drop()
  })

  const post = (body: BodyInit, headers: Record<string, string>) =>
    fetch(`${base}/v1/screen`, { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit)
  const json = { 'content-type': 'application/json' }
  const auth = (key: string) => ({ ...json, authorization: `Bearer ${key}` })

  it('screens a transfer, with its history, and answers JSON', async () => {
    const first = await post(JSON.stringify(transfer(0, 'NODE-1', 'X')), auth(screenKey))
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('application/json')
    const v = await first.json()
    expect(v).toMatchObject({ decision: 'clear', hits: [] })
    expect(v.ruleset).toMatch(/^txscreen-default@/)
  })

  it('stores what the body says as the record: as sent, spaced, with a key twice, or with fields the record has not', async () => {
    const t = transfer(2, 'NODE-R1', 'NODE-R2')
    const spaced = `{\n  "id": ${JSON.stringify(t.id)},\n  "timestamp": "${t.timestamp}", "amount": "100.00", "currency": "USD", "channel": "wire",\n  "sender": { "id": "NODE-R1", "country": "GB", "name": "Ren\\u00e9" },\n  "receiver": {"id": "NODE-XX", "country": "FR", "id": "NODE-R2"}\n}`
    const u = transfer(3, 'NODE-R1', 'NODE-R3')
    const extra = JSON.stringify({ ...u, note: 'not a record field', sender: { ...u.sender, nickname: 'r' }, amount: 100 })
    const plain = transfer(4, 'NODE-R1', 'NODE-R4')
    for (const body of [spaced, extra, JSON.stringify(plain)]) expect((await post(body, auth(screenKey))).status).toBe(200)
    const stored = async (id: string) => {
      const events = await service.deps.db.selectFrom('entity_events').select('record').where('event_id', '=', id).execute()
      const history = await service.deps.db.selectFrom('screened_records').select('record').where('record_id', '=', id).execute()
      expect(events.length).toBeGreaterThan(0)
      expect(history).toHaveLength(1)
      for (const e of events) expect(e.record).toEqual(history[0]!.record)
      return history[0]!.record
    }
    expect(await stored(t.id)).toEqual({ ...t, sender: { id: 'NODE-R1', country: 'GB', name: 'René' }, receiver: { id: 'NODE-R2', country: 'FR' } })
    expect(await stored(u.id)).toEqual({ ...u, amount: '100' })
    expect(await stored(plain.id)).toEqual(plain)
  })

  it('screens an alerting transfer with the hits the pack gives it', async () => {
    const { bodies, expected } = structuringSequence('NODE-S')
    const verdicts = []
    for (const body of bodies) {
      const res = await post(JSON.stringify(body), auth(screenKey))
      expect(res.status).toBe(200)
      verdicts.push(await res.json())
    }
    expect(verdicts.map((v) => v.decision)).toEqual(['clear', 'clear', 'review'])
    expect(verdicts[2]).toMatchObject(expected)
  })

  it('screens a pacs.008 of one transaction and answers a pacs.002 when asked for XML', async () => {
    const xml = readFileSync(join(import.meta.dirname, '../../fixtures/iso20022/pacs008-small.xml'), 'utf8')
    // the fixture's first transaction alone
    const one = xml.replace(/<\/CdtTrfTxInf>[\s\S]*<\/CdtTrfTxInf>/, '</CdtTrfTxInf>').replace('TX-1', `TX-NODE-${process.pid}`)
    const res = await post(one, { ...auth(screenKey), 'content-type': 'application/xml', accept: 'application/xml' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml')
    const body = await res.text()
    expect(body).toContain(`<OrgnlTxId>TX-NODE-${process.pid}</OrgnlTxId>`)
    expect(body).toMatch(/<TxSts>(ACSP|PDNG|RJCT)<\/TxSts>/)
  })

  it('answers problems as the Hono routes do', async () => {
    const cases: [BodyInit, Record<string, string>, number, string][] = [
      [JSON.stringify(transfer(1, 'A', 'B')), json, 401, 'unauthorized'],
      [JSON.stringify(transfer(1, 'A', 'B')), auth('txs_00_nope'), 401, 'unauthorized'],
      [JSON.stringify(transfer(1, 'A', 'B')), auth(analystKey), 403, 'forbidden'],
      ['x', { ...auth(screenKey), 'content-type': 'text/plain' }, 415, 'unsupported-media-type'],
      ['{"id":', auth(screenKey), 400, 'bad-request'],
      [JSON.stringify({ ...transfer(1, 'A', 'B'), amount: '-5' }), auth(screenKey), 400, 'bad-request'],
      [JSON.stringify({ ...transfer(1, 'A', 'B'), pad: 'y'.repeat(70 * 1024) }), auth(screenKey), 413, 'payload-too-large'],
      [JSON.stringify({ ...transfer(1, 'A', 'B'), currency: 'XYZ' }), auth(screenKey), 422, 'unscreenable-record'],
    ]
    for (const [body, headers, status, slug] of cases) {
      const res = await post(body, headers)
      expect([slug, res.status]).toEqual([slug, status])
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toMatchObject({ status, type: `/docs#problem-${slug}`, instance: '/v1/screen' })
    }
    const unauthorized = await post('{}', json)
    expect(unauthorized.headers.get('www-authenticate')).toMatch(/Bearer/)
  })

  it('reads a chunked body, and refuses one that runs past 64 KiB', async () => {
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          const bytes = new TextEncoder().encode(text)
          for (let i = 0; i < bytes.length; i += 8192) c.enqueue(bytes.slice(i, i + 8192))
          c.close()
        },
      })
    const ok = await post(chunked(JSON.stringify(transfer(2, 'NODE-2', 'X'))), auth(screenKey))
    expect(ok.status).toBe(200)
    const big = await post(chunked(JSON.stringify({ ...transfer(3, 'NODE-2', 'X'), pad: 'y'.repeat(80 * 1024) })), auth(screenKey))
    expect(big.status).toBe(413)
  })

  it('sends its own headers once each, in order: type, length, request id; a cut-off body closes the connection', async () => {
    const { request, Agent } = await import('node:http')
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const call = (headers: Record<string, string>, body: string, chunked = false) =>
      new Promise<{ status: number; raw: string[]; body: string }>((resolve, reject) => {
        const req = request(`${base}/v1/screen`, { method: 'POST', agent, headers }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode!, raw: res.rawHeaders, body: text }))
        })
        req.on('error', reject)
        if (!chunked) return void req.end(body)
        for (let i = 0; i < body.length; i += 8192) req.write(body.slice(i, i + 8192))
        req.end()
      })
    // [name, value] pairs of the service's own headers, Node's (date, keep-alive) left out
    const own = (raw: string[]) => {
      const pairs: [string, string][] = []
      for (let i = 0; i < raw.length; i += 2) if (!/^(date|keep-alive)$/i.test(raw[i]!)) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!])
      return pairs
    }
    try {
      // what the route must send: its type (and a problem's own headers), the length, the request id, then Node's connection
      const expected = (reply: { body: string }, type: string, id: string, connection: string, extra: [string, unknown][] = []) =>
        [['content-type', type], ...extra, ['content-length', String(Buffer.byteLength(reply.body))], ['x-request-id', id], ['connection', connection]]
      const ok = await call({ ...auth(screenKey), 'x-request-id': 'srv29-ok' }, JSON.stringify(transfer(5, 'NODE-H', 'X')))
      expect(ok.status).toBe(200)
      expect(own(ok.raw)).toEqual(expected(ok, 'application/json', 'srv29-ok', 'keep-alive'))
      const refused = await call({ ...json, 'x-request-id': 'srv29-401' }, '{}')
      expect(refused.status).toBe(401)
      expect(own(refused.raw)).toEqual(expected(refused, 'application/problem+json', 'srv29-401', 'keep-alive', [['www-authenticate', expect.stringMatching(/^Bearer/)]]))
      const big = await call({ ...auth(screenKey), 'x-request-id': 'srv29-413', 'transfer-encoding': 'chunked' }, JSON.stringify({ ...transfer(6, 'NODE-H', 'X'), pad: 'y'.repeat(80 * 1024) }), true)
      expect(big.status).toBe(413)
      // a body cut off half-read: the connection cannot carry another request
      expect(own(big.raw)).toEqual(expected(big, 'application/problem+json', 'srv29-413', 'close'))
    } finally {
      agent.destroy()
    }
  })

  it('answers each call on one kept-alive connection by the key that call presents', async () => {
    const { request, Agent } = await import('node:http')
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const sockets = new Set<unknown>()
    const call = (key: string, i: number) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${base}/v1/screen`, { method: 'POST', agent, headers: auth(key) }, (res) => {
          sockets.add(res.socket)
          res.resume()
          res.on('end', () => resolve(res.statusCode!))
        })
        req.on('error', reject)
        req.end(JSON.stringify(transfer(i, 'NODE-K', 'X')))
      })
    try {
      expect(await call(screenKey, 0)).toBe(200)
      expect(await call(analystKey, 1)).toBe(403)
      expect(await call(screenKey, 2)).toBe(200)
      expect(await call(`${screenKey}x`, 3)).toBe(401)
      expect(await call(screenKey, 4)).toBe(200)
      expect(sockets.size).toBe(1)
    } finally {
      agent.destroy()
    }
  })

  it('leaves every other route to Hono', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200)
    expect((await fetch(`${base}/v1/screen`)).status).toBe(404)
    expect((await fetch(`${base}/v1/rulesets`, { headers: { authorization: `Bearer ${analystKey}` } })).status).toBe(200)
  })
})
