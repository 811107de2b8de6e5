import { describe, expect, it } from 'vitest'
import { listAudit } from '../../src/store/audit.ts'
import { DIALECTS } from './support/databases.ts'
import { TEST_RULES, transfer } from './support/rules.ts'
import { TestService, useSeededService } from './support/service.ts'

for (const dialect of DIALECTS) {
  describe(`${dialect}: API`, () => {
    const s = useSeededService(dialect)

    describe('auth and problems', () => {
      it('serves health, readiness and the API document without a key', async () => {
        expect((await s.svc.request('/health')).status).toBe(200)
        const ready = await s.svc.request('/ready')
        expect(ready.status).toBe(200)
        expect((await ready.json()).ruleset).toMatch(/service-test/)
        const doc = await (await s.svc.request('/openapi.json')).json()
        expect(doc.openapi).toBe('3.1.0')
        expect(doc.paths['/v1/screen'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/TransferRecord')
        expect(doc.components.schemas.Verdict.properties.decision.enum).toEqual(['clear', 'review', 'block'])
        const docs = await s.svc.request('/docs')
        expect(docs.headers.get('content-type')).toMatch(/text\/html/)
        const html = await docs.text()
        expect(html).toContain('/v1/batches/{id}/verdicts')
        expect(html).not.toMatch(/<script|https?:\/\/cdn/i)
      })

      it('refuses a missing or unknown key with 401 problem JSON', async () => {
        const none = await s.svc.post('/v1/screen', '', transfer(0, 'A', 'B'))
        expect(none.status).toBe(401)
        expect(none.headers.get('content-type')).toBe('application/problem+json')
        expect(none.headers.get('www-authenticate')).toMatch(/Bearer/)
        const body = await none.json()
        expect(body).toMatchObject({ status: 401, title: 'Unauthorized', type: '/docs#problem-unauthorized', instance: '/v1/screen' })
        expect((await s.svc.post('/v1/screen', 'txs_0000_nope', transfer(0, 'A', 'B'))).status).toBe(401)
      })

      it('answers 403 for the wrong role and lets admin do everything', async () => {
        const cases: [string, string, number][] = [
          ['/v1/screen', s.keys.analyst, 403],
          ['/v1/rulesets', s.keys.screen, 403],
          ['/v1/alerts', s.keys.screen, 403],
          ['/v1/keys', s.keys.analyst, 403],
          ['/v1/rulesets', s.keys.admin, 200],
          ['/v1/alerts', s.keys.admin, 200],
          ['/v1/keys', s.keys.admin, 200],
        ]
        for (const [path, key, status] of cases) {
          const res = path === '/v1/screen' ? await s.svc.post(path, key, transfer(0, 'R1', 'R2')) : await s.svc.request(path, { key })
          expect([path, res.status]).toEqual([path, status])
          if (status === 403) expect((await res.json()).type).toBe('/docs#problem-forbidden')
        }
        expect((await s.svc.post('/v1/screen', s.keys.admin, transfer(0, 'R3', 'R4'))).status).toBe(200)
      })

      it('lists every invalid field of a record in a 400 problem', async () => {
        const res = await s.svc.post('/v1/screen', s.keys.screen, { ...transfer(0, 'A', 'B'), amount: '-5', currency: 'usd' })
        expect(res.status).toBe(400)
        const body = await res.json()
        expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['amount', 'currency'])
        const notJson = await s.svc.request('/v1/screen', { method: 'POST', key: s.keys.screen, body: '{"id":', headers: { 'content-type': 'application/json' } })
        expect(notJson.status).toBe(400)
        expect((await s.svc.request('/v1/screen', { method: 'POST', key: s.keys.screen, body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415)
      })

      it('refuses a screening body over 64 KiB with 413', async () => {
        const big = { ...transfer(0, 'A', 'B'), reference: 'x'.repeat(1000), purpose: 'p', padding: 'y'.repeat(70 * 1024) }
        const res = await s.svc.post('/v1/screen', s.keys.screen, big)
        expect(res.status).toBe(413)
        expect((await res.json()).type).toBe('/docs#problem-payload-too-large')
      })

      it('answers unknown routes with a 404 problem', async () => {
        const res = await s.svc.request('/v1/nothing', { key: s.keys.admin })
        expect(res.status).toBe(404)
        expect(res.headers.get('content-type')).toBe('application/problem+json')
      })
    })

    describe('real-time screening', () => {
      it("takes the entity's history into account: the second transfer sees the first", async () => {
        const first = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(10, 'HIST-1', 'X'))).json()
        expect(first).toMatchObject({ decision: 'clear', score: 0 })
        const second = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(20, 'HIST-1', 'Y'))).json()
        expect(second.decision).toBe('review')
        expect(second.hits[0]).toMatchObject({ rule: 'repeat-sender', evidence: { value: 2 } })
        expect(second.hits[0].evidence.transfers).toContain(first.id)
        // outside the 24h window the history no longer counts
        const later = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(3 * 24 * 60, 'HIST-1', 'Z'))).json()
        expect(later.decision).toBe('clear')
      })

      it('does not count a retried transfer twice', async () => {
        const t = transfer(100, 'RETRY-1', 'X')
        const a = await (await s.svc.post('/v1/screen', s.keys.screen, t)).json()
        const b = await (await s.svc.post('/v1/screen', s.keys.screen, t)).json()
        expect(b).toEqual(a)
        expect(a.decision).toBe('clear')
      })

      it('shares state between two app instances on one database', async () => {
        // on PGlite the second instance shares the connection; on PostgreSQL it has its own pool. The second
        // replays from the database per call, as several processes on one database do
        const database = { realtimeState: 'database' } as const
        const other = dialect === 'pg' ? await TestService.open(s.test.target, database) : new TestService(s.svc.store, database)
        try {
          await s.svc.post('/v1/screen', s.keys.screen, transfer(200, 'SHARED-1', 'X'))
          const v = await (await other.post('/v1/screen', s.keys.screen, transfer(201, 'SHARED-1', 'Y'))).json()
          expect(v.decision).toBe('review')
        } finally {
          if (dialect === 'pg') await other.close()
        }
      })

      it('stays consistent under concurrent calls for one entity from two instances', async () => {
        // several processes on one database keep the real-time state in the database
        const database = { realtimeState: 'database' } as const
        const one = new TestService(s.svc.store, database)
        const other = dialect === 'pg' ? await TestService.open(s.test.target, database) : new TestService(s.svc.store, database)
        try {
          // one event time for all, so each call must see exactly the calls committed before it
          const calls = Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : one).post('/v1/screen', s.keys.screen, transfer(300, 'RACE-1', `P${i}`)).then((r) => r.json()),
          )
          const verdicts = await Promise.all(calls)
          // without the per-entity lock two calls read the same history and a count repeats
          const counts = verdicts.map((v) => (v.hits[0]?.evidence.value as number | undefined) ?? 1).sort()
          expect(counts).toEqual([1, 2, 3, 4, 5, 6])
        } finally {
          if (dialect === 'pg') await other.close()
        }
      })

      it('keeps real-time history across a restart', async () => {
        // after the 3-day transfer above, not before it: a replay in event time would otherwise free the first
        // transfer's window as idle (its 24 h window and 1 h lateness passed), as any expiry may
        const at = 4 * 24 * 60
        await s.svc.post('/v1/screen', s.keys.screen, transfer(at, 'RESTART-1', 'X'))
        if (dialect === 'pg') {
          const again = await TestService.open(s.test.target)
          const v = await (await again.post('/v1/screen', s.keys.screen, transfer(at + 1, 'RESTART-1', 'Y'))).json()
          await again.close()
          expect(v.decision).toBe('review')
        } else {
          // PGlite has one owner per folder: close it, then open the folder again
          await s.svc.close()
          s.svc = await TestService.open(s.test.target)
          const v = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(at + 1, 'RESTART-1', 'Y'))).json()
          expect(v.decision).toBe('review')
        }
      })

      it('reports an alert from a real-time call in /v1/alerts', async () => {
        await s.svc.post('/v1/screen', s.keys.screen, transfer(500, 'ALERT-RT', 'X'))
        await s.svc.post('/v1/screen', s.keys.screen, transfer(501, 'ALERT-RT', 'Y'))
        const page = await (await s.svc.request('/v1/alerts?entity=ALERT-RT', { key: s.keys.analyst })).json()
        expect(page.alerts).toHaveLength(1)
        expect(page.alerts[0]).toMatchObject({ batchId: null, verdict: { decision: 'review' } })
      })
    })

    describe('rule sets and keys', () => {
      it('rejects rule files that do not compile with 422 and file:line:column issues', async () => {
        const broken = TEST_RULES.map((f) => (f.path.endsWith('repeat-sender.yaml') ? { ...f, text: f.text.replace('window: 24h', 'window: soon') } : f))
        const res = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: broken })
        expect(res.status).toBe(422)
        const body = await res.json()
        expect(body.type).toBe('/docs#problem-invalid-ruleset')
        expect(body.issues[0]).toMatchObject({ file: 'test-rules/repeat-sender.yaml', line: 8 })
        expect(body.issues[0].column).toBeGreaterThan(0)
        expect(body.detail).toContain('test-rules/repeat-sender.yaml:8:')
      })

      it('publishes an immutable version, activates it atomically, and audits who did it', async () => {
        const stricter = TEST_RULES.map((f) => (f.path.endsWith('repeat-sender.yaml') ? { ...f, text: f.text.replace('from: 2, below: 4, score: 50', 'from: 2, below: 4, score: 10') } : f))
        const published = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: stricter })
        expect(published.status).toBe(201)
        const { version } = await published.json()
        const again = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: stricter })
        expect(again.status).toBe(200)
        expect((await again.json()).created).toBe(false)

        // not active yet: a repeat still alerts under the old version
        await s.svc.post('/v1/screen', s.keys.screen, transfer(600, 'RS-1', 'X'))
        expect((await (await s.svc.post('/v1/screen', s.keys.screen, transfer(601, 'RS-1', 'Y'))).json()).decision).toBe('review')

        const activated = await s.svc.request(`/v1/rulesets/${encodeURIComponent(version)}/activate`, { method: 'POST', key: s.keys.analyst })
        expect(activated.status).toBe(200)
        expect((await activated.json()).active).toBe(true)
        await s.svc.post('/v1/screen', s.keys.screen, transfer(700, 'RS-2', 'X'))
        const v = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(701, 'RS-2', 'Y'))).json()
        expect(v).toMatchObject({ decision: 'clear', ruleset: version })

        const list = await (await s.svc.request('/v1/rulesets', { key: s.keys.analyst })).json()
        expect(list.versions.filter((x: { active: boolean }) => x.active).map((x: { version: string }) => x.version)).toEqual([version])
        expect((await s.svc.request('/v1/rulesets/nope/activate', { method: 'POST', key: s.keys.analyst })).status).toBe(404)

        const log = await listAudit(s.svc.store.db)
        expect(log.find((e) => e.action === 'ruleset.activate' && e.target === version)?.actor).toMatch(/\(ana\)/)
        expect(log.some((e) => e.action === 'ruleset.publish' && e.target === version)).toBe(true)

        // back to the first version for the tests that follow
        const first = list.versions.find((x: { version: string }) => x.version !== version).version
        await s.svc.request(`/v1/rulesets/${encodeURIComponent(first)}/activate`, { method: 'POST', key: s.keys.admin })
      })

      it('lets admins create, list and revoke keys; the secret is shown once', async () => {
        const res = await s.svc.post('/v1/keys', s.keys.admin, { role: 'screen', name: 'branch 7' })
        expect(res.status).toBe(201)
        const made = await res.json()
        expect(made.key.startsWith(made.prefix)).toBe(true)
        expect((await s.svc.post('/v1/screen', made.key, transfer(800, 'K-1', 'X'))).status).toBe(200)
        const listed = await (await s.svc.request('/v1/keys', { key: s.keys.admin })).json()
        const entry = listed.keys.find((k: { id: string }) => k.id === made.id)
        expect(entry).toMatchObject({ name: 'branch 7', role: 'screen' })
        expect(JSON.stringify(listed)).not.toContain(made.key)
        expect((await s.svc.request(`/v1/keys/${made.id}`, { method: 'DELETE', key: s.keys.admin })).status).toBe(204)
        expect((await s.svc.post('/v1/screen', made.key, transfer(801, 'K-1', 'X'))).status).toBe(401)
        const log = await listAudit(s.svc.store.db)
        expect(log.filter((e) => e.target === made.id).map((e) => e.action).sort()).toEqual(['key.create', 'key.revoke'])
        expect((await s.svc.post('/v1/keys', s.keys.admin, { role: 'root' })).status).toBe(400)
      })
    })
  })
}
