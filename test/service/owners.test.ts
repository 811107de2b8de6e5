import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/core/index.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { DIALECTS, freshDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { seed, TestService, useSeededService } from './support/service.ts'

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const lines = (prefix: string, n: number) => ndjson(Array.from({ length: n }, (_, i) => ({ ...transfer(i, `${prefix}-S`, `${prefix}-R${i}`), id: `${prefix}-${i}` })))

async function finished(svc: TestService, key: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const b = await (await svc.request(`/v1/batches/${id}`, { key })).json()
    if (['completed', 'failed'].includes(b.status)) return b
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`batch ${id} did not finish`)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: batches have owners`, () => {
    const s = useSeededService(dialect)
    const key = async (role: 'screen' | 'analyst' | 'admin', name: string, tenant?: string) =>
      (await createApiKey(s.svc.store.db, { role, name, ...(tenant && { tenant }) })).key
    const upload = (key: string, body: string, idem?: string) =>
      s.svc.request('/v1/batches', { method: 'POST', key, body, headers: { 'content-type': 'application/x-ndjson', ...(idem ? { 'idempotency-key': idem } : {}) } })

    it('lets a screen key see only the batches it created', async () => {
      const other = await key('screen', 'other teller')
      const { id } = await (await upload(s.keys.screen, lines('own', 3))).json()
      await finished(s.svc, s.keys.screen, id)
      for (const path of [`/v1/batches/${id}`, `/v1/batches/${id}/verdicts`, `/v1/batches/${id}/cases`]) {
        expect([path, (await s.svc.request(path, { key: other })).status]).toEqual([path, 404])
        expect([path, (await s.svc.request(path, { key: s.keys.analyst })).status]).toEqual([path, 200])
      }
    })

    it('scopes an Idempotency-Key to the key that sent it', async () => {
      const other = await key('screen', 'thief')
      const first = await (await upload(s.keys.screen, lines('idem-own', 2), `shared-${dialect}`)).json()
      // an empty body, or any body, under someone else's Idempotency-Key is a batch of the caller's own
      const stolen = await upload(other, '', `shared-${dialect}`)
      expect(stolen.status).toBe(202)
      expect((await stolen.json()).id).not.toBe(first.id)
      await finished(s.svc, s.keys.screen, first.id)
    })

    it('answers 422 to a different body under the same Idempotency-Key', async () => {
      const body = lines('fp', 4)
      const first = await upload(s.keys.screen, body, `fp-${dialect}`)
      expect(first.status).toBe(202)
      const { id } = await first.json()
      expect((await upload(s.keys.screen, body, `fp-${dialect}`)).status).toBe(200)
      const changed = await upload(s.keys.screen, lines('fp-other', 4), `fp-${dialect}`)
      expect(changed.status).toBe(422)
      expect((await changed.json()).type).toBe('/docs#problem-idempotency-key-reused')
      expect((await upload(s.keys.screen, '', `fp-${dialect}`)).status).toBe(422)
      await finished(s.svc, s.keys.screen, id)
    })

    it('shows analysts and admins only their tenant', async () => {
      const northScreen = await key('screen', 'north teller', 'north')
      const northAnalyst = await key('analyst', 'north analyst', 'north')
      const body = ndjson(Array.from({ length: 3 }, (_, i) => ({ ...transfer(i, 'NORTH-S', `NORTH-R${i}`), id: `north-${dialect}-${i}` })))
      const { id } = await (await upload(northScreen, body)).json()
      await finished(s.svc, northScreen, id)
      expect((await s.svc.request(`/v1/batches/${id}`, { key: northAnalyst })).status).toBe(200)
      expect((await s.svc.request(`/v1/batches/${id}`, { key: s.keys.analyst })).status).toBe(404)
      expect((await s.svc.request(`/v1/batches/${id}`, { key: s.keys.admin })).status).toBe(404)
      const alertsOf = async (k: string) =>
        ((await (await s.svc.request(`/v1/alerts?entity=NORTH-S&limit=1000`, { key: k })).json()).alerts as { verdict: { id: string } }[]).map((a) => a.verdict.id)
      expect(await alertsOf(northAnalyst)).toEqual([`north-${dialect}-1`, `north-${dialect}-2`])
      expect(await alertsOf(s.keys.analyst)).toEqual([])
      // real-time alerts belong to the tenant of the key that asked
      for (let i = 0; i < 2; i++) {
        expect((await s.svc.post('/v1/screen', northScreen, { ...transfer(100 + i, 'NORTH-RT', `NORTH-RT-R${i}`), id: `north-rt-${dialect}-${i}` })).status).toBe(200)
      }
      const rt = async (k: string) => (await (await s.svc.request(`/v1/alerts?entity=NORTH-RT&limit=1000`, { key: k })).json()).alerts.length
      expect(await rt(northAnalyst)).toBe(1)
      expect(await rt(s.keys.analyst)).toBe(0)
    })

    it('counts and reports duplicate transfer ids inside one batch', async () => {
      const rows = [0, 1, 2, 3].map((i) => ({ ...transfer(i, 'DUP-S', `DUP-R${i}`), id: `dup-${dialect}-${i % 3}` }))
      rows.push({ ...transfer(9, 'DUP-S', 'DUP-R9'), id: `dup-${dialect}-1` })
      const { id } = await (await upload(s.keys.screen, ndjson(rows))).json()
      const done = await finished(s.svc, s.keys.screen, id)
      expect(done.counts.records).toBe(5)
      expect(done.counts.duplicateIds).toBe(2)
      expect(done.duplicateIds).toEqual([`dup-${dialect}-0`, `dup-${dialect}-1`])
    })
  })

  describe(`${dialect}: keys that expire`, () => {
    it('stops accepting a key at its expiry, by the service clock', async () => {
      const clock = new ManualClock(Date.parse('2026-05-01T00:00:00Z'))
      const test = await freshDatabase(dialect)
      const svc = await TestService.open(test.target, { clock })
      try {
        const keys = await seed(svc)
        const made = await svc.post('/v1/keys', keys.admin, { role: 'analyst', name: 'temp', expiresAt: '2026-05-01T01:00:00Z' })
        expect(made.status).toBe(201)
        const temp = await made.json()
        expect(temp.expiresAt).toBe('2026-05-01T01:00:00.000Z')
        expect((await svc.request('/v1/rulesets', { key: temp.key })).status).toBe(200)
        clock.advance(60 * 60_000)
        expect((await svc.request('/v1/rulesets', { key: temp.key })).status).toBe(401)
        // an expiry already past is refused
        expect((await svc.post('/v1/keys', keys.admin, { role: 'screen', expiresAt: '2026-04-01T00:00:00Z' })).status).toBe(400)
      } finally {
        await svc.close()
        await test.drop()
      }
    })
  })
}
