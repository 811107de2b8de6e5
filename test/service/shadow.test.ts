import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeMetrics } from '../../src/adapters/node/metrics.ts'
import { processShadowThread } from '../../src/adapters/node/shadow-process.ts'
import type { ShadowThreadFactory } from '../../src/service/shadow-thread-port.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { listShadowVerdicts } from '../../src/store/shadow-verdicts.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { seed, TestService, useSeededService, type Keys } from './support/service.ts'
import { CANDIDATE_RULES } from './support/shadow-rules.ts'

const WAIT = { timeout: 30_000, interval: 20 }

type View = { id: string; status: string; processed: number; dropped: number; unstored: number; comparison: any }

async function publishCandidate(svc: TestService, key: string): Promise<string> {
  const res = await svc.post('/v1/rulesets', key, { files: CANDIDATE_RULES, activate: false })
  expect(res.status).toBe(201)
  return (await res.json()).version
}

const shadowPath = (version: string) => `/v1/rulesets/${encodeURIComponent(version)}/shadow`

async function view(svc: TestService, key: string, version: string): Promise<View> {
  const res = await svc.request(shadowPath(version), { key })
  expect(res.status).toBe(200)
  return res.json()
}

/** the sender S's first transfer lands before the shadow starts; the rest after */
function scenario(tag: string) {
  const before = transfer(0, `S-${tag}`, `R1-${tag}`)
  const after = [
    transfer(10, `S-${tag}`, `R2-${tag}`), // active: review (2nd); shadow: clear
    transfer(20, `S-${tag}`, `R3-${tag}`), // active: review (3rd); shadow: block (its window holds the first)
    transfer(30, `S-${tag}`, `R4-${tag}`), // block, block
    transfer(40, `S-${tag}`, `R5-${tag}`), // block, block
    transfer(50, `T-${tag}`, `Q-${tag}`), // clear, clear
    transfer(60, `T-${tag}`, `Q-${tag}`), // active: review (sender's 2nd); shadow: review (receiver's 2nd)
  ]
  return { before, after }
}

// the Node service screens the shadow in a child process (writing its rows itself on PostgreSQL); without one
// (other runtimes, and the first runs) on the event loop
const RUNS = [...DIALECTS.map((dialect) => ({ dialect, threaded: false })), ...DIALECTS.map((dialect) => ({ dialect, threaded: true }))]

for (const { dialect, threaded } of RUNS) {
  describe(`${dialect}${threaded ? ', in its own process' : ''}: shadow rule set`, () => {
    const logs: string[] = []
    // the factory as the Node service builds it: the database's URL once it is open (PostgreSQL only)
    const shadowThread: ShadowThreadFactory = (...args) => processShadowThread({ databaseUrl: s.svc.store.target.kind === 'pg' ? s.svc.store.target.url : undefined })(...args)
    const s = useSeededService(dialect, { live: { log: (m) => logs.push(m), ...(threaded && { shadowThread }) } })
    let candidate: string
    let otherTenant: string
    const { before, after } = scenario('a')
    const answers: unknown[] = []

    beforeAll(async () => {
      candidate = await publishCandidate(s.svc, s.keys.analyst)
      otherTenant = (await createApiKey(s.svc.store.db, { role: 'analyst', name: 'other', tenant: 'other' })).key
    })

    it('refuses the active version, an unknown version, and keys without the analyst role', async () => {
      const active = (await (await s.svc.request('/v1/rulesets', { key: s.keys.analyst })).json()).versions.find((v: { active: boolean }) => v.active).version
      expect((await s.svc.request(shadowPath(active), { method: 'POST', key: s.keys.analyst })).status).toBe(409)
      expect((await s.svc.request(shadowPath('nope'), { method: 'POST', key: s.keys.analyst })).status).toBe(404)
      expect((await s.svc.request(shadowPath(candidate), { method: 'POST', key: s.keys.screen })).status).toBe(403)
      expect((await s.svc.request(shadowPath(candidate), { key: s.keys.screen })).status).toBe(403)
      expect((await s.svc.request(shadowPath(candidate), { method: 'DELETE', key: s.keys.screen })).status).toBe(403)
      expect((await s.svc.request(shadowPath(candidate), { key: s.keys.analyst })).status).toBe(404)
    })

    it('screens every call after its answer, with the same history, and counts rules, decisions and bands', async () => {
      expect((await s.svc.post('/v1/screen', s.keys.screen, before)).status).toBe(200)
      const started = await s.svc.request(shadowPath(candidate), { method: 'POST', key: s.keys.analyst })
      expect(started.status).toBe(201)
      expect((await s.svc.request(shadowPath(candidate), { method: 'POST', key: s.keys.admin })).status).toBe(200)
      await expect.poll(async () => (await view(s.svc, s.keys.analyst, candidate)).status, WAIT).toBe('running')
      for (const t of after) {
        const res = await s.svc.post('/v1/screen', s.keys.screen, t)
        expect(res.status).toBe(200)
        answers.push(await res.json())
      }
      await expect.poll(async () => (await view(s.svc, s.keys.analyst, candidate)).processed, WAIT).toBe(after.length)
      const v = await view(s.svc, s.keys.analyst, candidate)
      expect(v.dropped).toBe(0)
      expect(v.unstored).toBe(0)
      const c = v.comparison
      expect(c.transfers).toBe(6)
      expect(c.transitions).toEqual({
        clear: { clear: 1, review: 0, block: 0 },
        review: { clear: 1, review: 1, block: 1 },
        block: { clear: 0, review: 0, block: 2 },
      })
      expect(c.byDecision).toEqual([
        { decision: 'clear', active: 1, shadow: 2 },
        { decision: 'review', active: 3, shadow: 1 },
        { decision: 'block', active: 2, shadow: 3 },
      ])
      expect(c.byRule).toEqual([
        { rule: 'repeat-receiver', active: 0, shadow: 1 },
        { rule: 'repeat-sender', active: 5, shadow: 3 },
      ])
      const bands = Object.fromEntries(c.byBand.filter((b: { active: number; shadow: number }) => b.active || b.shadow).map((b: { band: string }) => [b.band, b]))
      expect(bands).toEqual({
        '0-9': { band: '0-9', active: 1, shadow: 2 },
        '50-59': { band: '50-59', active: 3, shadow: 1 },
        '90-100': { band: '90-100', active: 2, shadow: 3 },
      })
      expect(c.changed.count).toBe(2)
      expect(c.changed.sample.map((x: { id: string }) => x.id)).toEqual([after[1]!.id, after[0]!.id])
      expect(c.changed.sample[0]).toMatchObject({ active: { decision: 'review', rules: ['repeat-sender'] }, shadow: { decision: 'block', score: 90, rules: ['repeat-sender'] } })
      // another tenant's analyst sees none of these calls
      const other = await view(s.svc, otherTenant, candidate)
      expect(other.comparison.transfers).toBe(0)
      expect(other.processed).toBe(6)
    })

    it('never returns the shadow verdict, and stores it apart', async () => {
      for (const a of answers) expect((a as { ruleset: string }).ruleset).not.toBe(candidate)
      const { id } = await view(s.svc, s.keys.analyst, candidate)
      // alerts and changed decisions are kept: all but the clear-clear call
      await expect.poll(async () => (await listShadowVerdicts(s.svc.store.db, id, 'default')).length, WAIT).toBe(5)
      const rows = await listShadowVerdicts(s.svc.store.db, id, 'default')
      expect(rows.map((r) => [r.decision, r.activeDecision])).toEqual([
        ['clear', 'review'],
        ['block', 'review'],
        ['block', 'block'],
        ['block', 'block'],
        ['review', 'review'],
      ])
      const verdictRows = await s.svc.store.db.selectFrom('verdicts').select('ruleset').where('ruleset', '=', candidate).execute()
      expect(verdictRows).toEqual([])
    })

    it('reports its figures in the metrics and in the rule-set list', async () => {
      const metrics = await new NodeMetrics({ db: s.svc.store.db, running: () => 0, live: s.svc.live, rateLimiter: undefined }).text()
      expect(metrics).toMatch(/^txscreen_shadow_processed_total 6$/m)
      expect(metrics).toMatch(/^txscreen_shadow_dropped_total 0$/m)
      expect(metrics).toMatch(/^txscreen_shadow_running 1$/m)
      const { versions } = await (await s.svc.request('/v1/rulesets', { key: s.keys.analyst })).json()
      expect(versions.find((v: { version: string }) => v.version === candidate).shadow).toBe('running')
    })

    it('is promoted when its version is activated: it ends, and the active set starts warm with the same history', async () => {
      const res = await s.svc.request(`/v1/rulesets/${encodeURIComponent(candidate)}/activate`, { method: 'POST', key: s.keys.analyst })
      expect(res.status).toBe(200)
      const v = await view(s.svc, s.keys.analyst, candidate)
      expect(v.status).toBe('promoted')
      // on the event loop its windows are handed over; a thread's cannot be, and the active state warms from the database
      const promoted = threaded ? /shadow .* promoted: the active state warms from the database/ : /shadow .* promoted: its state of \d+ transfers becomes the active state/
      expect(logs.some((m) => promoted.test(m))).toBe(true)
      // the sender's sixth transfer in the day: the new active set blocks it, counting the five before
      const sixth = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(70, 'S-a', 'R6-a'))).json()
      expect(sixth).toMatchObject({ decision: 'block', ruleset: candidate })
      expect(sixth.hits[0].reason).toContain('6 transfers')
      // a promoted shadow takes no more calls
      expect((await view(s.svc, s.keys.analyst, candidate)).processed).toBe(6)
    })
  })
}

describe('shadow: answers with and without one are the same', () => {
  const opened: { svc: TestService; db: TestDatabase; keys: Keys }[] = []
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const db = await freshDatabase('pglite')
      const svc = await TestService.open(db.target)
      opened.push({ svc, db, keys: await seed(svc) })
    }
  })
  afterAll(async () => {
    for (const o of opened) {
      await o.svc.close()
      await o.db.drop()
    }
  })

  it('gives every call the same answer', async () => {
    const [plain, shadowed] = opened as [(typeof opened)[0], (typeof opened)[0]]
    const candidate = await publishCandidate(shadowed.svc, shadowed.keys.analyst)
    expect((await shadowed.svc.request(shadowPath(candidate), { method: 'POST', key: shadowed.keys.analyst })).status).toBe(201)
    const { before, after } = scenario('same')
    const records = [before, ...after, ...Array.from({ length: 30 }, (_, i) => transfer(100 + i, `M-${i % 4}`, `N-${i % 3}`))]
    const bodies = async (o: (typeof opened)[0]) => {
      const out: string[] = []
      // a few calls at once as well as one at a time
      for (let i = 0; i < records.length; i += 5) {
        const batch = await Promise.all(records.slice(i, i + 5).map((r) => o.svc.post('/v1/screen', o.keys.screen, r)))
        for (const res of batch) out.push(await res.text())
      }
      return out
    }
    expect(await bodies(shadowed)).toEqual(await bodies(plain))
    await expect.poll(async () => (await view(shadowed.svc, shadowed.keys.analyst, candidate)).processed, WAIT).toBeGreaterThan(0)
  })
})

describe('shadow: a full queue drops calls rather than hold them', () => {
  const s = useSeededService('pglite', { live: { shadowMaxQueued: 2 } })

  it('counts the calls it dropped and screens the rest', async () => {
    const candidate = await publishCandidate(s.svc, s.keys.analyst)
    expect((await s.svc.request(shadowPath(candidate), { method: 'POST', key: s.keys.analyst })).status).toBe(201)
    await expect.poll(async () => (await view(s.svc, s.keys.analyst, candidate)).status, WAIT).toBe('running')
    const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => s.svc.post('/v1/screen', s.keys.screen, transfer(i, `D-${i}`, 'X'))))
    expect(calls.map((r) => r.status)).toEqual(Array(20).fill(200))
    await expect.poll(async () => {
      const v = await view(s.svc, s.keys.analyst, candidate)
      return v.processed + v.dropped
    }, WAIT).toBe(20)
    expect((await view(s.svc, s.keys.analyst, candidate)).dropped).toBeGreaterThan(0)
    const stopped = await s.svc.request(shadowPath(candidate), { method: 'DELETE', key: s.keys.analyst })
    expect(stopped.status).toBe(200)
    expect((await stopped.json()).status).toBe('stopped')
    expect((await s.svc.request(shadowPath(candidate), { method: 'DELETE', key: s.keys.analyst })).status).toBe(404)
  })
})

describe('shadow: with the real-time state in the database', () => {
  const s = useSeededService('pglite', { realtimeState: 'database' })

  it('answers 501 shadow-unavailable on every shadow route', async () => {
    const candidate = await publishCandidate(s.svc, s.keys.analyst)
    for (const method of ['POST', 'GET', 'DELETE']) {
      const res = await s.svc.request(shadowPath(candidate), { method, key: s.keys.analyst })
      expect(res.status).toBe(501)
      const problem = await res.json()
      expect(problem.type).toMatch(/shadow-unavailable$/)
      expect(problem.detail).toContain('TXSCREEN_REALTIME_STATE=database')
    }
  })
})
