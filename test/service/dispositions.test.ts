import { describe, expect, it } from 'vitest'
import { parseLabels } from '../../src/eval/labels.ts'
import { RulesetDiff } from '../../src/eval/ruleset-diff.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { listAudit } from '../../src/store/audit.ts'
import { DIALECTS } from './support/databases.ts'
import { useSeededService } from './support/service.ts'
import { transfer } from './support/rules.ts'

describe.each(DIALECTS)('dispositions (%s)', (dialect) => {
  const s = useSeededService(dialect)

  /** Two transfers from one sender: the second alerts under the test rules. Returns its alert id and transfer id. */
  async function alertFor(sender: string, minutes: number): Promise<{ alert: string; transfer: string }> {
    await s.svc.post('/v1/screen', s.keys.screen, transfer(minutes, sender, 'X'))
    const second = transfer(minutes + 1, sender, 'Y')
    expect((await (await s.svc.post('/v1/screen', s.keys.screen, second)).json()).decision).toBe('review')
    const page = await (await s.svc.request(`/v1/alerts?entity=${sender}`, { key: s.keys.analyst })).json()
    expect(page.alerts).toHaveLength(1)
    return { alert: page.alerts[0].id, transfer: second.id }
  }

  it('marks an alert, keeps every mark, audits it, and only analysts may', async () => {
    const { alert, transfer: id } = await alertFor('DISP-1', 10)
    expect((await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.screen, { outcome: 'reported' })).status).toBe(403)
    const first = await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'true_positive', note: 'same phone as case 12' })
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ target: { kind: 'alert', id: alert }, outcome: 'true_positive', transfers: [id], rules: ['repeat-sender'], typologies: ['velocity'] })
    await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'reported', note: 'STR filed' })
    const history = await (await s.svc.request(`/v1/alerts/${alert}/dispositions`, { key: s.keys.analyst })).json()
    expect(history.dispositions.map((d: { outcome: string }) => d.outcome)).toEqual(['true_positive', 'reported'])
    const audited = await listAudit(s.svc.store.db)
    expect(audited.filter((a) => a.action === 'alert.disposition' && a.target === alert).map((a) => a.details.outcome)).toEqual(['reported', 'true_positive'])
  })

  it("keeps tenants apart: another tenant's analyst can neither mark nor read an alert or its marks", async () => {
    const { alert } = await alertFor('DISP-T', 50)
    await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'reported' })
    const other = (await createApiKey(s.svc.store.db, { role: 'analyst', name: 'south', tenant: 'south' })).key
    expect((await s.svc.post(`/v1/alerts/${alert}/disposition`, other, { outcome: 'false_positive' })).status).toBe(404)
    expect((await (await s.svc.request(`/v1/alerts/${alert}/dispositions`, { key: other })).json()).dispositions).toEqual([])
    expect(await (await s.svc.request('/v1/dispositions/labels', { key: other })).text()).toBe('id,is_illicit,instance_id,typology\n')
  })

  it('refuses unknown alerts, outcomes and keys', async () => {
    expect((await s.svc.post('/v1/alerts/99999999/disposition', s.keys.analyst, { outcome: 'reported' })).status).toBe(404)
    expect((await s.svc.post('/v1/alerts/123456789012345678901/disposition', s.keys.analyst, { outcome: 'reported' })).status).toBe(404)
    const { alert } = await alertFor('DISP-2', 100)
    expect((await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'maybe' })).status).toBe(400)
    expect((await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'reported', colour: 1 })).status).toBe(400)
  })

  it('turns marks into labels that change a backtest false-alert count', async () => {
    const { alert, transfer: id } = await alertFor('DISP-3', 200)
    // the same alert screened by two rule sets that both flag it: a false alert only once it is marked so
    const verdict = { id, score: 50, decision: 'review' as const, hits: [{ rule: 'repeat-sender' }], ruleset: 'x' } as never
    const falseAlerts = async () => {
      const text = await (await s.svc.request('/v1/dispositions/labels', { key: s.keys.analyst })).text()
      const diff = new RulesetDiff({ base: 'a', candidate: 'b' }, parseLabels(text))
      diff.add(verdict, verdict)
      return diff.report().base.falseAlerts
    }
    await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'true_positive' })
    expect(await falseAlerts()).toBe(0)
    await s.svc.post(`/v1/alerts/${alert}/disposition`, s.keys.analyst, { outcome: 'false_positive', note: 'family remittance' })
    expect(await falseAlerts()).toBe(1)
    const labels = parseLabels(await (await s.svc.request('/v1/dispositions/labels', { key: s.keys.analyst })).text())
    expect(labels.get(id)).toEqual({ illicit: false, instance: '', typology: '' })
  })

  it('counts alerts and marks per rule and period, with alerts per report', async () => {
    const a = await alertFor('DISP-4', 300)
    const b = await alertFor('DISP-5', 310)
    await s.svc.post(`/v1/alerts/${a.alert}/disposition`, s.keys.analyst, { outcome: 'reported' })
    await s.svc.post(`/v1/alerts/${b.alert}/disposition`, s.keys.analyst, { outcome: 'false_positive' })
    const q = new URLSearchParams({ period: 'month', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })
    const body = await (await s.svc.request(`/v1/rules/outcomes?${q}`, { key: s.keys.analyst })).json()
    const march = body.rules.find((r: { rule: string }) => r.rule === 'repeat-sender')
    // every alert of this file so far lies in March 2026; the marks are the latest of each alert: reported are
    // DISP-1, DISP-T and DISP-4, false positives DISP-3 and DISP-5
    expect(march.period).toBe('2026-03-01T00:00:00.000Z')
    expect(march.alerts).toBeGreaterThanOrEqual(6)
    expect(march.reported).toBe(3)
    expect(march.falsePositive).toBe(2)
    expect(march.alertsPerReport).toBe(march.alerts / 3)
  })
})
