import { describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/store/api-keys.ts'
import { DIALECTS } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { useSeededService } from './support/service.ts'

describe.each(DIALECTS)('GET /v1/entities/{key}/transfers (%s)', (dialect) => {
  const s = useSeededService(dialect)
  const window = new URLSearchParams({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' })

  it("lists an entity's real-time transfers in the window with their decisions, oldest first", async () => {
    const sent = [transfer(10, 'NET-1', 'NET-A'), transfer(20, 'NET-1', 'NET-B'), transfer(30, 'NET-2', 'NET-1'), transfer(2000, 'NET-1', 'NET-C')]
    for (const t of sent) expect((await s.svc.post('/v1/screen', s.keys.screen, t)).status).toBe(200)
    const res = await s.svc.request(`/v1/entities/id:NET-1/transfers?${window}`, { key: s.keys.analyst })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.key).toBe('id:NET-1')
    // the history keeps a transfer under the keys the rules look at (the sender here), and the fourth lies outside the window
    expect(body.transfers.map((t: { id: string }) => t.id)).toEqual(sent.slice(0, 2).map((t) => t.id))
    expect(body.transfers.map((t: { decision: string }) => t.decision)).toEqual(['clear', 'review'])
    expect(body.transfers[1].record.receiver.id).toBe('NET-B')
    expect(body.truncated).toBe(false)
    // a bare party id means its id: key; limit cuts and says so
    const cut = await (await s.svc.request(`/v1/entities/NET-1/transfers?${window}&limit=1`, { key: s.keys.analyst })).json()
    expect(cut.transfers).toHaveLength(1)
    expect(cut.truncated).toBe(true)
  })

  it("shows another tenant's analyst nothing, and refuses screen keys and bad windows", async () => {
    await s.svc.post('/v1/screen', s.keys.screen, transfer(40, 'NET-3', 'NET-D'))
    const other = (await createApiKey(s.svc.store.db, { role: 'analyst', name: 'elsewhere', tenant: 'other-bank' })).key
    expect((await (await s.svc.request(`/v1/entities/id:NET-3/transfers?${window}`, { key: other })).json()).transfers).toEqual([])
    expect((await s.svc.request(`/v1/entities/id:NET-3/transfers?${window}`, { key: s.keys.screen })).status).toBe(403)
    const backwards = new URLSearchParams({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' })
    expect((await s.svc.request(`/v1/entities/id:NET-3/transfers?${backwards}`, { key: s.keys.analyst })).status).toBe(400)
    expect((await s.svc.request('/v1/entities/id:NET-3/transfers', { key: s.keys.analyst })).status).toBe(400)
  })
})
