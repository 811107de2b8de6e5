import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/adapters/node/open-database.ts'
import { DIALECTS } from './support/databases.ts'
import { TEST_RULES, transfer } from './support/rules.ts'
import { TestService, useSeededService } from './support/service.ts'
import { useServiceBehindProxy } from './support/proxied-pg.ts'

/** Holds the service's next rule-set compilations until `open()`: a warm-up that takes as long as the test wants. */
function gateCompilation(svc: TestService) {
  const real = svc.rulesets.compiled.bind(svc.rulesets)
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let holding = true
  svc.rulesets.compiled = async (db, version) => {
    if (holding) await gate
    return real(db, version)
  }
  return {
    open() {
      holding = false
      release()
    },
  }
}

/** The answer, or 'blocked' if none came while the warm-up was held (generous: it only names the failure). */
const answeredWhileHeld = <T,>(p: Promise<T>) => Promise.race([p, new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 20_000))])

for (const dialect of DIALECTS) {
  describe(`${dialect}: real-time state while a new one warms`, () => {
    const s = useSeededService(dialect)

    it('answers from the old state while the state of a newly activated rule set warms, and counts those calls in the new one', async () => {
      const before = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(0, 'ACT-1', 'X'))).json()
      const other = TEST_RULES.map((f) => (f.path.endsWith('repeat-sender.yaml') ? { ...f, text: f.text.replace('version: 1', 'version: 2') } : f))
      const gate = gateCompilation(s.svc)
      const published = await s.svc.rulesets.publish(s.svc.store.db, other, { actor: 'test', activate: true })
      if (!published.ok) throw new Error('the changed rules do not compile')

      const during = await answeredWhileHeld(s.svc.post('/v1/screen', s.keys.screen, transfer(1, 'ACT-1', 'Y')))
      expect(during).not.toBe('blocked')
      const v = await (during as Response).json()
      expect((during as Response).status).toBe(200)
      expect(v.ruleset).toBe(before.ruleset)
      expect(v.hits[0].evidence.value).toBe(2)

      gate.open()
      await s.svc.live!.start()
      const after = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(2, 'ACT-1', 'Z'))).json()
      expect(after.ruleset).toBe(published.version)
      // the call answered from the old state is in the new one too, once
      expect(after.hits[0].evidence.value).toBe(3)
    })
  })
}

// PGlite has a single connection and no server to lose
describe.runIf(DIALECTS.includes('pg'))('pg: saturation and a failed flush', () => {
  const s = useServiceBehindProxy(async (url) => new TestService(await openDatabase({ kind: 'pg', url, poolSize: 2 }), { screenTimeoutMs: 10_000 }))

  it('answers 503 saturated, not "Database unavailable", when every pooled connection is taken', async () => {
    expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(0, 'SAT-1', 'X'))).status).toBe(200)
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let taken = 0
    const holders = [0, 1].map(() =>
      s.svc.store.db.connection().execute(async () => {
        taken++
        await held
      }),
    )
    while (taken < 2) await new Promise((r) => setTimeout(r, 10))
    try {
      const read = await s.svc.request('/v1/batches/b_none', { key: s.keys.screen })
      expect(read.status).toBe(503)
      expect(read.headers.get('retry-after')).toBeTruthy()
      expect(await read.json()).toMatchObject({ type: '/docs#problem-saturated', title: 'Database connections busy' })
      const call = await s.svc.post('/v1/screen', s.keys.screen, transfer(1, 'SAT-1', 'Y'))
      expect(call.status).toBe(503)
      expect((await call.json()).type).toBe('/docs#problem-saturated')
    } finally {
      release()
      await Promise.all(holders)
    }
    expect((await s.svc.request('/v1/batches/b_none', { key: s.keys.screen })).status).toBe(404)
  })

  it('answers from the old state after a failed flush while the new one warms', async () => {
    await s.svc.live!.start()
    expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(10, 'FLUSH-1', 'X'))).status).toBe(200)
    await s.proxy.stop()
    expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(11, 'FLUSH-2', 'X'))).status).toBe(503)
    await s.proxy.start()
    const gate = gateCompilation(s.svc)
    const during = await answeredWhileHeld(s.svc.post('/v1/screen', s.keys.screen, transfer(12, 'FLUSH-1', 'Y')))
    gate.open()
    expect(during).not.toBe('blocked')
    expect((during as Response).status).toBe(200)
    expect(((await (during as Response).json()) as { hits: { evidence: { value: number } }[] }).hits[0]!.evidence.value).toBe(2)
    await s.svc.live!.start()
    const after = await (await s.svc.post('/v1/screen', s.keys.screen, transfer(13, 'FLUSH-1', 'Z'))).json()
    expect(after.hits[0].evidence.value).toBe(3)
  })
})

