import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseReportingEntity } from '../../src/core/index.ts'
import { pruneEvidenceRecords } from '../../src/store/evidence-records.ts'
import { InProcessTasks } from '../../src/service/background.ts'
import { DEFAULT_CONFIG } from '../../src/service/deps.ts'
import { rollUpRealtimeCases } from '../../src/service/realtime-cases.ts'
import { parseCsvLine } from '../../src/core/io/csv-line.ts'
import { validateGoaml } from '../export/xsd-validator.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { TestService, useSeededService } from './support/service.ts'

const ENTITY_PATH = join(import.meta.dirname, '../../fixtures/goaml/reporting-entity.yaml')
// the test rules' base currency is USD with a rate for EUR only: the local currency must be one of them
const entity = parseReportingEntity({ path: ENTITY_PATH, text: readFileSync(ENTITY_PATH, 'utf8').replace('currency_code_local: GBP', 'currency_code_local: USD') })

const client = (id: string) => ({ id, name: `Ann ${id}`, account: `ACC-${id}`, institution: 'EXBKGB2L', country: 'GB' })

for (const dialect of DIALECTS) {
  describe(`${dialect}: cases`, () => {
    const s = useSeededService(dialect, { reportingEntity: entity })
    let batchId: string

    // A pays four times and C three times within a day: the first of each is clear, the rest alert
    const records = [
      ...[0, 10, 20, 30].map((m, i) => ({ ...transfer(m, 'A', 'R'), id: `a${i}`, sender: client('A'), amount: i === 0 ? '11.00' : '100.00', currency: i === 0 ? 'EUR' : 'USD' })),
      ...[40, 50, 60].map((m, i) => ({ ...transfer(m, 'C', 'R'), id: `c${i}` })),
      { ...transfer(70, 'D', 'R'), id: 'd0' },
    ]

    async function casesOf(query = '') {
      const res = await s.svc.request(`/v1/cases${query}`, { key: s.keys.analyst })
      expect(res.status).toBe(200)
      return (await res.json()) as { cases: any[]; next: string | null }
    }

    it('lists the cases of a completed batch with stable ids, filters and a cursor', async () => {
      const body = records.map((r) => JSON.stringify(r)).join('\n') + '\n'
      const accepted = await (await s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body, headers: { 'content-type': 'application/x-ndjson' } })).json()
      batchId = accepted.id
      await s.svc.background.idle()
      const { cases, next } = await casesOf()
      expect(next).toBeNull()
      expect(cases.map((c) => c.entity).sort()).toEqual(['id:A', 'id:C'])
      expect(cases.every((c) => /^c_[0-9a-f]{16}$/.test(c.id) && c.batchId === batchId)).toBe(true)
      const a = cases.find((c) => c.entity === 'id:A')
      expect(a.transfers).toEqual(['a1', 'a2', 'a3'])
      // the clear first transfer is in the evidence too
      expect([...a.evidence].sort()).toEqual(['a0', 'a1', 'a2', 'a3'])

      expect((await casesOf('?typology=velocity')).cases).toHaveLength(2)
      expect((await casesOf('?typology=structuring')).cases).toHaveLength(0)
      expect((await casesOf(`?minScore=${a.score}`)).cases.map((c) => c.entity)).toEqual(['id:A'])
      expect((await casesOf('?since=2026-03-01T00:45:00Z')).cases.map((c) => c.entity)).toEqual(['id:C'])
      const first = await casesOf('?limit=1')
      expect(first.cases).toHaveLength(1)
      expect(first.next).not.toBeNull()
      const second = await casesOf(`?limit=1&cursor=${first.next}`)
      expect(second.cases[0].id).not.toBe(first.cases[0].id)
      expect(second.next).toBeNull()

      const one = await s.svc.request(`/v1/cases/${a.id}`, { key: s.keys.analyst })
      expect(await one.json()).toEqual(a)
      expect((await s.svc.request('/v1/cases/c_0000000000000000', { key: s.keys.analyst })).status).toBe(404)
      expect((await s.svc.request('/v1/cases', { key: s.keys.screen })).status).toBe(403)

      const csv = await s.svc.request('/v1/cases', { key: s.keys.analyst, headers: { accept: 'text/csv' } })
      expect(csv.headers.get('content-type')).toBe('text/csv')
      const rows = (await csv.text()).trimEnd().split('\n').map((l) => parseCsvLine(l)!)
      expect(rows[0]!.slice(0, 3)).toEqual(['id', 'entity', 'decision'])
      expect(rows).toHaveLength(3)
    })

    it("keeps a case's evidence records after the upload is dropped, and lists them as its transfers", async () => {
      const [a] = (await casesOf('?typology=velocity')).cases.filter((c) => c.entity === 'id:A')
      const { transfers } = await (await s.svc.request(`/v1/cases/${a.id}/transfers`, { key: s.keys.analyst })).json()
      expect(transfers.map((t: any) => [t.transfer, t.alerting]).sort()).toEqual([['a0', false], ['a1', true], ['a2', true], ['a3', true]])
      expect(transfers.find((t: any) => t.transfer === 'a0')).toMatchObject({ amount: '11.00', currency: 'EUR', sender: 'A', senderInstitution: 'EXBKGB2L' })
      const csv = await (await s.svc.request(`/v1/cases/${a.id}/transfers`, { key: s.keys.analyst, headers: { accept: 'text/csv' } })).text()
      expect(csv.split('\n')[0]).toMatch(/^case,entity,transfer,alerting,timestamp,/)
      expect(csv.trimEnd().split('\n')).toHaveLength(5)
      const uploads = await s.svc.store.db.selectFrom('batch_uploads').select('batch_id').where('batch_id', '=', batchId).execute()
      expect(uploads).toHaveLength(0)
    })

    it('reports a case as goAML: every evidence transfer, amounts in the local currency, valid against the schema', async () => {
      const [a] = (await casesOf()).cases.filter((c) => c.entity === 'id:A')
      const res = await s.svc.request(`/v1/cases/${a.id}/goaml`, { key: s.keys.analyst })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/xml')
      const xml = await res.text()
      expect(validateGoaml([xml])).toEqual([[]])
      expect([...xml.matchAll(/<transactionnumber>(.*?)<\/transactionnumber>/g)].map((m) => m[1])).toEqual(['a0', 'a1', 'a2', 'a3'])
      // 11 EUR at the test rules' 1.10 is 12.10 USD
      expect(xml).toContain('<amount_local>12.10</amount_local>')
      expect(xml.match(/<t_from_my_client>/g)).toHaveLength(4)
      expect(xml.match(/<reason>[^<]*<\/reason>/)?.[0]).toContain('a3 (score 90): repeat-sender: 4 transfers from A in 24h')
      expect((await s.svc.request(`/v1/cases/${a.id}/goaml`, { key: s.keys.screen })).status).toBe(403)
      expect((await s.svc.request(`/v1/cases/${a.id}/sar`, { key: s.keys.analyst })).status).toBe(400)
    })

    it('keeps the alerting records of a streamed batch, the only ones at hand', async () => {
      const streamed = [0, 10, 20].map((m, i) => ({ ...transfer(m, 'E', 'R'), id: `e${i}` }))
      const res = await s.svc.request('/v1/batches?stream=true', {
        method: 'POST', key: s.keys.screen, body: streamed.map((r) => JSON.stringify(r)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' },
      })
      expect(res.status).toBe(200)
      await res.text()
      await s.svc.background.idle()
      const [e] = (await casesOf()).cases.filter((c) => c.entity === 'id:E')
      expect([...e.evidence].sort()).toEqual(['e0', 'e1', 'e2'])
      const { transfers } = await (await s.svc.request(`/v1/cases/${e.id}/transfers`, { key: s.keys.analyst })).json()
      expect(transfers.map((t: any) => [t.transfer, t.timestamp !== undefined]).sort()).toEqual([['e0', false], ['e1', true], ['e2', true]])
    })

    it('rolls real-time alerts up into cases with stable ids, kept records and a valid goAML report', async () => {
      const deps = { db: s.svc.store.db, rulesets: s.svc.rulesets, config: DEFAULT_CONFIG, background: new InProcessTasks() }
      const screen = async (id: string, minutes: number) => {
        const res = await s.svc.post('/v1/screen', s.keys.screen, { ...transfer(minutes, 'G', 'R'), id, sender: client('G') })
        expect(res.status).toBe(200)
        return (await res.json()).decision
      }
      expect([await screen('g0', 0), await screen('g1', 5)]).toEqual(['clear', 'review'])
      // alerts settle 10 s by default before a roll-up takes them; the test takes them at once
      expect(await rollUpRealtimeCases(deps, 0)).toBe(1)
      const realtime = async () => (await casesOf()).cases.filter((c) => c.batchId === null)
      const [first] = await realtime()
      expect(first).toMatchObject({ entity: 'id:G', transfers: ['g1'], alerts: 1 })
      expect([...first.evidence].sort()).toEqual(['g0', 'g1'])

      // later alerts of the entity join the same case, under the same id, and the roll-up takes each alert once
      await screen('g2', 10)
      expect(await rollUpRealtimeCases(deps, 0)).toBe(1)
      expect(await rollUpRealtimeCases(deps, 0)).toBe(0)
      const [grown] = await realtime()
      expect(grown).toMatchObject({ id: first.id, transfers: ['g1', 'g2'], alerts: 2 })

      const xml = await (await s.svc.request(`/v1/cases/${grown.id}/goaml`, { key: s.keys.analyst })).text()
      expect(validateGoaml([xml])).toEqual([[]])
      expect([...xml.matchAll(/<transactionnumber>(.*?)<\/transactionnumber>/g)].map((m) => m[1])).toEqual(['g0', 'g1', 'g2'])
      expect(xml.match(/<reason>[^<]*<\/reason>/)?.[0]).toContain('g2 (score 50): repeat-sender: 3 transfers from G in 24h')
    })

    it('answers 501 without a reporting-entity file, and 422 once the records are past their retention', async () => {
      const [a] = (await casesOf()).cases.filter((c) => c.entity === 'id:A')
      const bare = new TestService(s.svc.store)
      const none = await bare.request(`/v1/cases/${a.id}/goaml`, { key: s.keys.analyst })
      expect(none.status).toBe(501)
      expect((await none.json()).type).toBe('/docs#problem-no-reporting-entity')
      await bare.live?.close()

      expect(await pruneEvidenceRecords(s.svc.store.db, new Date(Date.now() + 401 * 24 * 3600_000))).toBe(12)
      const gone = await s.svc.request(`/v1/cases/${a.id}/goaml`, { key: s.keys.analyst })
      expect(gone.status).toBe(422)
      expect((await gone.json()).detail).toMatch(/none of its 4 evidence transfers/)
    })
  })
}
