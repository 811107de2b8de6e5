import { describe, expect, it } from 'vitest'
import { parseReportingEntity } from '../../src/core/index.ts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InProcessTasks } from '../../src/service/background.ts'
import { DEFAULT_CONFIG } from '../../src/service/deps.ts'
import { rollUpRealtimeCases } from '../../src/service/realtime-cases.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { listAudit } from '../../src/store/audit.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { useSeededService } from './support/service.ts'

const ENTITY_PATH = join(import.meta.dirname, '../../fixtures/goaml/reporting-entity.yaml')
const entity = parseReportingEntity({ path: ENTITY_PATH, text: readFileSync(ENTITY_PATH, 'utf8').replace('currency_code_local: GBP', 'currency_code_local: USD') })

describe.each(DIALECTS)('case tenants (%s)', (dialect) => {
  const s = useSeededService(dialect, { reportingEntity: entity })
  const keys = async () => {
    const db = s.svc.store.db
    return {
      northScreen: (await createApiKey(db, { role: 'screen', name: 'north-screen', tenant: 'north' })).key,
      north: (await createApiKey(db, { role: 'analyst', name: 'north', tenant: 'north' })).key,
      southScreen: (await createApiKey(db, { role: 'screen', name: 'south-screen', tenant: 'south' })).key,
      south: (await createApiKey(db, { role: 'analyst', name: 'south', tenant: 'south' })).key,
    }
  }
  const casesOf = async (key: string) => (await (await s.svc.request('/v1/cases', { key })).json()).cases as { id: string; entity: string; batchId: string | null }[]
  /** every route that shows one case, with the status it answers */
  const statuses = async (key: string, id: string) =>
    Promise.all([`/v1/cases/${id}`, `/v1/cases/${id}/transfers`, `/v1/cases/${id}/goaml`].map(async (p) => (await s.svc.request(p, { key })).status))

  it("shows an analyst neither another tenant's batch cases nor their transfers or reports", async () => {
    const k = await keys()
    const body = [0, 10, 20].map((m, i) => JSON.stringify({ ...transfer(m, 'TA', 'R'), id: `ta${i}` })).join('\n') + '\n'
    const res = await s.svc.request('/v1/batches', { method: 'POST', key: k.northScreen, body, headers: { 'content-type': 'application/x-ndjson' } })
    expect(res.status).toBe(202)
    await s.svc.background.idle()
    const [north] = (await casesOf(k.north)).filter((c) => c.entity === 'id:TA')
    expect(north).toBeDefined()
    expect(await statuses(k.north, north!.id)).toEqual([200, 200, 200])
    expect((await casesOf(k.south)).map((c) => c.id)).not.toContain(north!.id)
    expect(await statuses(k.south, north!.id)).toEqual([404, 404, 404])
  })

  it('rolls real-time alerts up into one case book per tenant', async () => {
    const k = await keys()
    const deps = { db: s.svc.store.db, rulesets: s.svc.rulesets, config: DEFAULT_CONFIG, background: new InProcessTasks() }
    // the same sender alerts in both tenants: each tenant gets its own case
    for (const [key, prefix] of [[k.northScreen, 'tn'], [k.southScreen, 'ts']] as const) {
      for (const [i, m] of [0, 5].entries()) expect((await s.svc.post('/v1/screen', key, { ...transfer(1000 + m, 'TR', 'R'), id: `${prefix}${i}` })).status).toBe(200)
    }
    expect(await rollUpRealtimeCases(deps, 0)).toBeGreaterThanOrEqual(2)
    const north = (await casesOf(k.north)).filter((c) => c.batchId === null && c.entity === 'id:TR')
    const south = (await casesOf(k.south)).filter((c) => c.batchId === null && c.entity === 'id:TR')
    expect(north).toHaveLength(1)
    expect(south).toHaveLength(1)
    expect(north[0]!.id).not.toBe(south[0]!.id)
    expect(await statuses(k.north, north[0]!.id)).toEqual([200, 200, 200])
    expect(await statuses(k.south, north[0]!.id)).toEqual([404, 404, 404])
    const transfers = await (await s.svc.request(`/v1/cases/${south[0]!.id}/transfers`, { key: k.south })).json()
    expect(transfers.transfers.map((t: { transfer: string }) => t.transfer)).toContain('ts1')
  })

  it("marks a case (audited, tenant-scoped), filters cases by their latest mark, and labels the case's evidence", async () => {
    const k = await keys()
    const body = [0, 10].map((m, i) => JSON.stringify({ ...transfer(2000 + m, 'TD', 'R'), id: `td${i}` })).join('\n') + '\n'
    expect((await s.svc.request('/v1/batches', { method: 'POST', key: k.northScreen, body, headers: { 'content-type': 'application/x-ndjson' } })).status).toBe(202)
    await s.svc.background.idle()
    const [marked] = (await casesOf(k.north)).filter((c) => c.entity === 'id:TD')
    const id = marked!.id
    const ids = async (query: string) => ((await (await s.svc.request(`/v1/cases${query}`, { key: k.north })).json()).cases as { id: string }[]).map((c) => c.id)
    expect(await ids('?status=open')).toContain(id)
    expect((await s.svc.post(`/v1/cases/${id}/disposition`, k.northScreen, { outcome: 'reported' })).status).toBe(403)
    expect((await s.svc.post(`/v1/cases/${id}/disposition`, k.south, { outcome: 'reported' })).status).toBe(404)
    expect((await s.svc.request(`/v1/cases/${id}/dispositions`, { key: k.south })).status).toBe(404)
    const first = await s.svc.post(`/v1/cases/${id}/disposition`, k.north, { outcome: 'true_positive', note: 'mule' })
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ target: { kind: 'case', id }, outcome: 'true_positive', rules: ['repeat-sender'] })
    expect(await ids('?status=true_positive')).toEqual([id])
    expect(await ids('?status=open')).not.toContain(id)
    await s.svc.post(`/v1/cases/${id}/disposition`, k.north, { outcome: 'false_positive' })
    expect(await ids('?status=true_positive')).toEqual([])
    expect(await ids('?status=false_positive')).toEqual([id])
    expect((await (await s.svc.request(`/v1/cases/${id}/dispositions`, { key: k.north })).json()).dispositions.map((d: { outcome: string }) => d.outcome)).toEqual(['true_positive', 'false_positive'])
    expect((await s.svc.request('/v1/cases?status=maybe', { key: k.north })).status).toBe(400)
    await s.svc.post(`/v1/cases/${id}/disposition`, k.north, { outcome: 'reported' })
    const labels = await (await s.svc.request('/v1/dispositions/labels', { key: k.north })).text()
    expect(labels).toContain(`td0,1,case:${id},velocity`)
    expect(labels).toContain(`td1,1,case:${id},velocity`)
    expect(await (await s.svc.request('/v1/dispositions/labels', { key: k.south })).text()).toBe('id,is_illicit,instance_id,typology\n')
    const audited = await listAudit(s.svc.store.db)
    expect(audited.filter((a) => a.action === 'case.disposition' && a.target === id)).toHaveLength(3)
  })
})
