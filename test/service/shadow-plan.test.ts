import { describe, expect, it } from 'vitest'
import { transferSource } from '../../load/lib/payload.js'
import { processShadowThread } from '../../src/adapters/node/shadow-process.ts'
import { compileRuleset, Screener, type CompiledRuleset, type RuleSource, type TransferRecord } from '../../src/core/index.ts'
import { planShadow } from '../../src/service/shadow-plan.ts'
import type { ShadowThreadFactory } from '../../src/service/shadow-thread-port.ts'
import { listShadowVerdicts } from '../../src/store/shadow-verdicts.ts'
import { DIALECTS } from './support/databases.ts'
import { useSeededService } from './support/service.ts'
import { defaultPack, otherRatesPack, reweightedDefaultPack, tunedDefaultPack } from './support/shadow-candidates.ts'

const WAIT = { timeout: 60_000, interval: 50 }

function compiled(files: RuleSource[]): CompiledRuleset {
  const r = compileRuleset(files)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.ruleset
}

describe('which rules a shadow runs itself', () => {
  it('runs the changed and added rules and takes the rest from the active set; a removed rule is gone', async () => {
    const active = compiled(await defaultPack())
    const candidate = compiled(await tunedDefaultPack())
    const plan = planShadow(active, candidate)
    expect(plan.activeVersion).toBe(active.version)
    expect(plan.evaluate.map((i) => candidate.rules[i]!.id).sort()).toEqual(['fan-out', 'velocity-burst-receiver'])
    expect(plan.reuse).toHaveLength(active.rules.length - 2)
    expect(plan.reuse).not.toContain('cycle')
  })

  it('takes a rule weighted otherwise from the active set, with each active score mapped to its weighted score', async () => {
    const active = compiled(await defaultPack())
    const candidate = compiled(await reweightedDefaultPack())
    const plan = planShadow(active, candidate)
    expect(plan.evaluate.map((i) => candidate.rules[i]!.id).sort()).toEqual(['fan-out', 'velocity-burst-receiver'])
    expect(plan.reuse).toEqual(expect.arrayContaining(['fan-in', 'fan-in-large', 'corridor-context']))
    const fanIn = candidate.rules.find((r) => r.id === 'fan-in')!
    expect(plan.rescore?.map((r) => r.rule).sort()).toEqual(['corridor-context', 'fan-in', 'fan-in-large'])
    expect(plan.rescore?.find((r) => r.rule === 'fan-in')?.scores).toEqual(fanIn.scores.map((s) => [s, Math.round(s * 12) / 10]))
  })

  it('runs a rule weighted otherwise when its active scores cannot tell its bands apart (weight 0)', async () => {
    const files = await defaultPack()
    const zero = (weight: string) => files.map((f) => (f.path.endsWith('ruleset.yaml') ? { ...f, text: f.text.replace('fan-in: { weight: 1 }', `fan-in: { weight: ${weight} }`) } : f))
    const active = compiled(zero('0'))
    const candidate = compiled(zero('1'))
    expect(active.rules.find((r) => r.id === 'fan-in')!.scores.length).toBeGreaterThan(1)
    const plan = planShadow(active, candidate)
    expect(plan.evaluate.map((i) => candidate.rules[i]!.id)).toEqual(['fan-in'])
    expect(plan.rescore).toBeUndefined()
  })

  it('runs every rule when the rates differ, and when no rule is the same', async () => {
    const active = compiled(await defaultPack())
    const candidate = compiled(await otherRatesPack())
    expect(planShadow(active, candidate)).toEqual({ activeVersion: active.version, evaluate: candidate.rules.map((_r, i) => i), reuse: [] })
  })

  it('counts a rule as changed when a list it names changes, and only those rules', async () => {
    const files = await defaultPack()
    const active = compiled(files)
    const candidate = compiled(files.map((f) => (f.path.endsWith('ruleset.yaml') ? { ...f, text: f.text.replace('transit: [MX, TR,', 'transit: [MX, TR, IT,') } : f)))
    const plan = planShadow(active, candidate)
    const naming = active.rules.filter((r) => /\$transit\b/.test(files.find((f) => f.text.includes(`id: ${r.id}\n`))!.text)).map((r) => r.id)
    expect(naming.length).toBeGreaterThan(0)
    expect(plan.evaluate.map((i) => candidate.rules[i]!.id).sort()).toEqual(naming.sort())
  })
})

// synthetic transfers among few accounts, so the windows fill and rules hit
const records = (prefix: string, n: number): TransferRecord[] => {
  const next = transferSource(7, 40, prefix)
  return Array.from({ length: n }, () => next() as unknown as TransferRecord)
}

const CASES = [
  { name: 'a tuned candidate (one threshold changed, one rule added, one removed)', files: tunedDefaultPack, evaluated: 2, threaded: false, dialect: 'pglite' as const },
  { name: 'a tuned candidate, in its own process', files: tunedDefaultPack, evaluated: 2, threaded: true, dialect: 'pglite' as const },
  { name: 'three rules weighted otherwise (rescored), in its own process', files: reweightedDefaultPack, evaluated: 2, threaded: true, dialect: 'pglite' as const, rescored: ['fan-in', 'fan-in-large', 'corridor-context'] },
  { name: 'another exchange rate (every rule run)', files: otherRatesPack, evaluated: 'all' as const, threaded: true, dialect: 'pglite' as const },
  // on PostgreSQL the shadow's process writes the rows itself, over its own connection
  ...(DIALECTS.includes('pg') ? [{ name: 'a tuned candidate, in its own process writing to PostgreSQL', files: tunedDefaultPack, evaluated: 2, threaded: true, dialect: 'pg' as const }] : []),
]

for (const c of CASES) {
  describe(`the shadow's stored verdicts equal a full screening of the candidate: ${c.name}`, () => {
    // the factory as the Node service builds it: the database's URL once it is open (PostgreSQL only)
    const shadowThread: ShadowThreadFactory = (...args) => processShadowThread({ databaseUrl: s.svc.store.target.kind === 'pg' ? s.svc.store.target.url : undefined })(...args)
    const s = useSeededService(c.dialect, { live: { ...(c.threaded && { shadowThread }), shadowPostEveryMs: 5 } })

    it('stores what a screener of the whole candidate gives on the same calls', async () => {
      const activated = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: await defaultPack(), activate: true })
      expect(activated.status).toBe(201)
      const files = await c.files()
      const published = await s.svc.post('/v1/rulesets', s.keys.analyst, { files, activate: false })
      expect(published.status).toBe(201)
      const version = (await published.json()).version as string
      const path = `/v1/rulesets/${encodeURIComponent(version)}/shadow`
      const all = records('plan', 300)
      const [before, after] = [all.slice(0, 100), all.slice(100)]
      // the shadow's warm-up replays what came before it
      for (const r of before) expect((await s.svc.post('/v1/screen', s.keys.screen, r)).status).toBe(200)
      expect((await s.svc.request(path, { method: 'POST', key: s.keys.analyst })).status).toBe(201)
      await expect.poll(async () => (await (await s.svc.request(path, { key: s.keys.analyst })).json()).status, WAIT).toBe('running')
      const view = await (await s.svc.request(path, { key: s.keys.analyst })).json()
      // the candidate's rules, each run by the shadow or reused from the active screening
      const rules = compiled(files).rules.length
      const evaluated = c.evaluated === 'all' ? rules : c.evaluated
      expect(view.rulesEvaluated).toBe(evaluated)
      expect(view.rulesReused).toBe(rules - evaluated)

      const activeDecisions: string[] = []
      // a few calls at a time; on PostgreSQL one (its key lookups may let concurrent calls reach the screener in
      // another order than sent, and the full screener below takes them in the order sent)
      const together = c.dialect === 'pg' ? 1 : 4
      for (let i = 0; i < after.length; i += together) {
        const answers = await Promise.all(after.slice(i, i + together).map((r) => s.svc.post('/v1/screen', s.keys.screen, r)))
        for (const a of answers) activeDecisions.push((await a.json()).decision)
      }
      await expect.poll(async () => (await (await s.svc.request(path, { key: s.keys.analyst })).json()).processed, WAIT).toBe(after.length)

      const full = new Screener(compiled(files))
      for (const r of before) full.observe(r)
      const expected = after.flatMap((r, i) => {
        const v = full.screen(r)
        return v.decision !== 'clear' || activeDecisions[i] !== 'clear' ? [JSON.parse(JSON.stringify(v))] : []
      })
      // the stream exercises the merge: alerts, decisions the candidate changes, and hits of reused and own rules
      expect(expected.filter((v) => v.decision !== 'clear').length).toBeGreaterThan(5)
      const byId = new Map(after.map((r, i) => [r.id, activeDecisions[i]]))
      expect(expected.some((v) => v.decision !== byId.get(v.id))).toBe(true)
      // and, for a reweighted candidate, hits of each rule whose scores the shadow rescales
      for (const rule of ('rescored' in c && c.rescored) || []) expect(expected.some((v) => v.hits.some((h: { rule: string }) => h.rule === rule))).toBe(true)
      const { id } = await (await s.svc.request(path, { key: s.keys.analyst })).json()
      await expect.poll(async () => (await listShadowVerdicts(s.svc.store.db, id, 'default')).length, WAIT).toBe(expected.length)
      const stored = await listShadowVerdicts(s.svc.store.db, id, 'default')
      expect(stored.map((r) => r.output)).toEqual(expected)
    }, 240_000)
  })
}
