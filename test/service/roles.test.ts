import { describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/store/api-keys.ts'
import { DIALECTS, freshDatabase } from './support/databases.ts'
import { TEST_RULES } from './support/rules.ts'
import { seed, TestService } from './support/service.ts'

/** The test rules with a changed threshold: a new version to publish. */
const changed = (n: number) => TEST_RULES.map((f) => (f.path.endsWith('ruleset.yaml') ? { ...f, text: f.text.replace('review: 40', `review: ${40 + n}`) } : f))

async function withService(config: Record<string, unknown>, dialect: 'pglite' | 'pg', body: (svc: TestService, keys: Awaited<ReturnType<typeof seed>>) => Promise<void>) {
  const test = await freshDatabase(dialect)
  const svc = await TestService.open(test.target, config)
  try {
    await body(svc, await seed(svc))
  } finally {
    await svc.close()
    await test.drop()
  }
}

const active = async (svc: TestService, key: string) =>
  ((await (await svc.request('/v1/rulesets', { key })).json()).versions as { version: string; active: boolean }[]).find((v) => v.active)?.version

for (const dialect of DIALECTS) {
  describe(`${dialect}: roles`, () => {
    it('needs a second key to activate when a second approver is required', async () => {
      await withService({ activationApprovals: 2 }, dialect, async (svc, keys) => {
        const before = await active(svc, keys.analyst)
        const published = await svc.post('/v1/rulesets', keys.analyst, { files: changed(1), activate: true })
        expect(published.status).toBe(201)
        const { version, activated } = await published.json()
        expect(activated).toBe(false)
        expect(await active(svc, keys.analyst)).toBe(before)
        // the same key again does not count twice
        const again = await svc.request(`/v1/rulesets/${encodeURIComponent(version)}/activate`, { method: 'POST', key: keys.analyst })
        expect(again.status).toBe(202)
        expect(await again.json()).toMatchObject({ version, approvals: 1, needed: 2 })
        expect(await active(svc, keys.analyst)).toBe(before)
        const second = (await createApiKey(svc.store.db, { role: 'analyst', name: 'second analyst' })).key
        const done = await svc.request(`/v1/rulesets/${encodeURIComponent(version)}/activate`, { method: 'POST', key: second })
        expect(done.status).toBe(200)
        expect(await active(svc, keys.analyst)).toBe(version)
      })
    })

    it('activates in one call when no second approver is required', async () => {
      await withService({}, dialect, async (svc, keys) => {
        const { version, activated } = await (await svc.post('/v1/rulesets', keys.analyst, { files: changed(2), activate: true })).json()
        expect(activated).toBe(true)
        expect(await active(svc, keys.analyst)).toBe(version)
      })
    })

    it('keeps the last admin key', async () => {
      await withService({}, dialect, async (svc, keys) => {
        const list = async () => (await (await svc.request('/v1/keys', { key: keys.admin })).json()).keys as { id: string; name: string; role: string }[]
        const root = (await list()).find((k) => k.name === 'root')!
        const last = await svc.request(`/v1/keys/${root.id}`, { method: 'DELETE', key: keys.admin })
        expect(last.status).toBe(409)
        expect((await last.json()).type).toBe('/docs#problem-last-admin')
        const second = await (await svc.post('/v1/keys', keys.admin, { role: 'admin', name: 'root 2' })).json()
        expect((await svc.request(`/v1/keys/${root.id}`, { method: 'DELETE', key: second.key })).status).toBe(204)
        expect((await svc.request(`/v1/keys/${second.id}`, { method: 'DELETE', key: second.key })).status).toBe(409)
      })
    })
  })
}
