import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run as rulesCommand } from '../../src/cli/commands/rules.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import { InProcessTasks } from '../../src/service/background.ts'
import { runBatch } from '../../src/service/batch-run.ts'
import { DEFAULT_CONFIG } from '../../src/service/deps.ts'
import { pruneHistory } from '../../src/service/history.ts'
import { createApiKey } from '../../src/store/api-keys.ts'
import { createBatch } from '../../src/store/batches.ts'
import type { Db } from '../../src/store/db.ts'
import { runCommand } from '../eval/eval-run.ts'
import { DIALECTS } from './support/databases.ts'
import { CANDIDATE_RULES as CANDIDATE } from './support/candidate-rules.ts'
import { TEST_RULES } from './support/rules.ts'
import { useSeededService, type TestService } from './support/service.ts'

const DAY_MS = 86_400_000

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'txscreen-backtest-'))
  for (const [name, files] of [['base', TEST_RULES], ['candidate', CANDIDATE]] as const) {
    await mkdir(join(dir, name))
    for (const f of files) await writeFile(join(dir, name, f.path.split('/').pop()!), f.text)
  }
})
afterAll(() => rm(dir, { recursive: true, force: true }))

let n = 0
/** A transfer `minutes` after a start of its own per test, so every record of a tenant has its own time. */
const transferAt = (start: string, minutes: number, from: string, to: string) => ({
  id: `bt-${process.pid}-${++n}`,
  timestamp: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  amount: '100.00',
  currency: 'USD',
  channel: 'wire',
  sender: { id: from, country: 'GB' },
  receiver: { id: to, country: 'FR' },
})

async function waitFor(svc: TestService, key: string, path: string, done: (b: any) => boolean): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const b = await (await svc.request(path, { key })).json()
    if (done(b)) return b
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${path} did not finish`)
}

const kept = async (db: Db, tenant: string) =>
  (await db.selectFrom('screened_records').select(['source', 'record_id']).where('tenant', '=', tenant).orderBy('id').execute())

describe.each(DIALECTS)('backtests (%s)', (dialect) => {
  const s = useSeededService(dialect)
  let candidate: string

  /** a screen and an analyst key of a tenant of its own */
  async function tenantKeys(tenant: string) {
    const db = s.svc.store.db
    return {
      screen: (await createApiKey(db, { role: 'screen', name: `${tenant}-teller`, tenant })).key,
      analyst: (await createApiKey(db, { role: 'analyst', name: `${tenant}-ana`, tenant })).key,
    }
  }

  async function backtest(key: string, body: unknown = {}): Promise<any> {
    const res = await s.svc.post(`/v1/rulesets/${encodeURIComponent(candidate)}/backtest`, key, body)
    expect(res.status, await res.clone().text()).toBe(202)
    const job = await res.json()
    expect(res.headers.get('location')).toBe(`/v1/backtests/${job.id}`)
    const done = await waitFor(s.svc, key, `/v1/backtests/${job.id}`, (b) => b.status === 'done' || b.status === 'failed')
    expect(done.status, JSON.stringify(done.error)).toBe('done')
    return done
  }

  async function screen(key: string, record: object): Promise<string> {
    const res = await s.svc.post('/v1/screen', key, record)
    expect(res.status).toBe(200)
    return (await res.json()).decision
  }

  async function batch(key: string, records: object[]): Promise<any> {
    const res = await s.svc.request('/v1/batches', { method: 'POST', key, body: records.map((r) => JSON.stringify(r)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } })
    expect(res.status).toBe(202)
    return waitFor(s.svc, key, `/v1/batches/${(await res.json()).id}`, (b) => ['completed', 'failed'].includes(b.status))
  }

  beforeAll(async () => {
    // base and candidate published from the folders the CLI reads, so both name the same versions
    const base = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: await readRuleSources(join(dir, 'base')), activate: true })
    expect([200, 201]).toContain(base.status)
    const published = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: await readRuleSources(join(dir, 'candidate')) })
    candidate = (await published.json()).version
  })

  it('gives the report txscreen rules diff gives on the same records, real time and batch, with dispositions as labels', async () => {
    const keys = await tenantKeys('agree')
    const start = '2026-05-01T00:00:00Z'
    const realtime = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => transferAt(start, i * 10, `AG-${i % 3}`, `AG-R${i}`))
    for (const r of realtime) await screen(keys.screen, r)
    const batched = [0, 1, 2, 3, 4, 5].map((i) => transferAt(start, 200 + i * 10, `AG-${i % 2}`, `AG-R${i}`))
    expect((await batch(keys.screen, batched)).status).toBe('completed')
    // one alert marked a false alert, another reported
    const alerts = (await (await s.svc.request('/v1/alerts?limit=100', { key: keys.analyst })).json()).alerts
    expect(alerts.length).toBeGreaterThan(2)
    expect((await s.svc.post(`/v1/alerts/${alerts[0].id}/disposition`, keys.analyst, { outcome: 'false_positive' })).status).toBe(201)
    expect((await s.svc.post(`/v1/alerts/${alerts[1].id}/disposition`, keys.analyst, { outcome: 'reported' })).status).toBe(201)

    const job = await backtest(keys.analyst, { sample: 5 })
    expect(job.progress).toEqual({ records: 15, total: 15, fraction: 1 })

    await writeFile(join(dir, 'agree.ndjson'), [...realtime, ...batched].map((r) => JSON.stringify(r)).join('\n') + '\n')
    await writeFile(join(dir, 'agree-labels.csv'), await (await s.svc.request('/v1/dispositions/labels', { key: keys.analyst })).text())
    const cli = await runCommand(rulesCommand, ['diff', '--base', join(dir, 'base'), '--candidate', join(dir, 'candidate'), join(dir, 'agree.ndjson'), '--labels', join(dir, 'agree-labels.csv'), '--json', '--sample', '5'])
    expect(cli.code, cli.err).toBe(0)
    const report = JSON.parse(cli.out)
    // the same JSON to the key order
    expect(JSON.stringify(job.report)).toBe(JSON.stringify(report))
    expect(report.labelled).toBe(true)
    expect(report.removed.count).toBeGreaterThan(0)
    expect(report.byRule['repeat-sender'].removed).toBe(report.removed.count)
  })

  it('counts a record marked false positive as a false alert, and no longer once it is marked true positive', async () => {
    const keys = await tenantKeys('marks')
    const start = '2026-06-01T00:00:00Z'
    await screen(keys.screen, transferAt(start, 0, 'MK-1', 'X'))
    expect(await screen(keys.screen, transferAt(start, 5, 'MK-1', 'Y'))).toBe('review')
    const unmarked = await backtest(keys.analyst)
    expect(unmarked.report.labelled).toBe(false)
    expect(unmarked.report.base.falseAlerts).toBeUndefined()
    const [alert] = (await (await s.svc.request('/v1/alerts', { key: keys.analyst })).json()).alerts
    await s.svc.post(`/v1/alerts/${alert.id}/disposition`, keys.analyst, { outcome: 'false_positive' })
    const marked = await backtest(keys.analyst)
    expect(marked.report.base.falseAlerts).toBe(1)
    expect(marked.report.byRule['repeat-sender'].baseFalseAlerts).toBe(1)
    // the candidate does not alert on it: the false alert is one it removes
    expect(marked.report.candidate.falseAlerts).toBe(0)
    await s.svc.post(`/v1/alerts/${alert.id}/disposition`, keys.analyst, { outcome: 'true_positive' })
    expect((await backtest(keys.analyst)).report.base.falseAlerts).toBe(0)
  })

  it("replays only the tenant's own history, and another tenant cannot read the backtest", async () => {
    const north = await tenantKeys('north')
    const south = await tenantKeys('south-bt')
    const start = '2026-07-01T00:00:00Z'
    for (let i = 0; i < 3; i++) await screen(north.screen, transferAt(start, i, 'NO-1', 'X'))
    for (let i = 0; i < 5; i++) await screen(south.screen, transferAt(start, 100 + i, 'SO-1', 'X'))
    const job = await backtest(north.analyst)
    expect(job.report.records).toBe(3)
    expect((await backtest(south.analyst)).report.records).toBe(5)
    expect((await s.svc.request(`/v1/backtests/${job.id}`, { key: south.analyst })).status).toBe(404)
    const listed = await (await s.svc.request(`/v1/rulesets/${encodeURIComponent(candidate)}/backtests`, { key: south.analyst })).json()
    expect(listed.backtests.map((b: { id: string }) => b.id)).not.toContain(job.id)
  })

  it('takes a time range, a source and a limit', async () => {
    const keys = await tenantKeys('ranges')
    const start = '2026-08-01T00:00:00Z'
    for (let i = 0; i < 4; i++) await screen(keys.screen, transferAt(start, i * 60, 'RG-1', 'X'))
    const done = await batch(keys.screen, [0, 1, 2].map((i) => transferAt(start, 600 + i, 'RG-2', 'Y')))
    expect((await backtest(keys.analyst, { from: start, to: '2026-08-01T02:30:00Z' })).report.records).toBe(3)
    expect((await backtest(keys.analyst, { source: done.id })).report.records).toBe(3)
    expect((await backtest(keys.analyst, { source: 'realtime' })).report.records).toBe(4)
    const latest = await backtest(keys.analyst, { limit: 2 })
    expect(latest.progress.total).toBe(2)
    expect(latest.report.records).toBe(2)
    expect((await s.svc.post(`/v1/rulesets/${encodeURIComponent(candidate)}/backtest`, keys.analyst, { from: '2026-08-02T00:00:00Z', to: start })).status).toBe(400)
    expect((await s.svc.post(`/v1/rulesets/${encodeURIComponent(candidate)}/backtest`, keys.analyst, { limit: 0 })).status).toBe(400)
  })

  it('keeps a batch\'s records after the batch ends, once each, in its order', async () => {
    const keys = await tenantKeys('batchkeep')
    const records = [0, 1, 2, 3].map((i) => transferAt('2026-09-01T00:00:00Z', i, 'BK-1', 'X'))
    const done = await batch(keys.screen, records)
    expect(done.status).toBe('completed')
    // the batch's task ends by dropping its upload
    await s.svc.background.idle()
    expect(await kept(s.svc.store.db, 'batchkeep')).toEqual(records.map((r) => ({ source: done.id, record_id: r.id })))
    const uploads = await s.svc.store.db.selectFrom('batch_uploads').select('batch_id').where('batch_id', '=', done.id).execute()
    expect(uploads).toEqual([])
  })

  it('keeps a batch screened again from the start once, as a resumed batch is', async () => {
    const db = s.svc.store.db
    const { batch } = await createBatch(db, { id: 'b_resumed', format: 'ndjson', mode: 'async', ruleset: candidate, idempotencyKey: null, createdBy: 'test', ownerKey: 'k', tenant: 'resumed' })
    const text = [0, 1, 2].map((i) => JSON.stringify(transferAt('2026-09-02T00:00:00Z', i, 'RS-1', 'X'))).join('\n') + '\n'
    const ruleset = await s.svc.rulesets.compiled(db, candidate)
    for (let run = 0; run < 2; run++) await runBatch(db, batch, ruleset, new Response(text).body!, { storeVerdicts: 'all', keepRecords: true })
    expect((await kept(db, 'resumed')).map((r) => r.source)).toEqual(['b_resumed', 'b_resumed', 'b_resumed'])
  })

  it('refuses screen keys, unknown versions and unknown backtests', async () => {
    expect((await s.svc.post(`/v1/rulesets/${encodeURIComponent(candidate)}/backtest`, s.keys.screen, {})).status).toBe(403)
    expect((await s.svc.request(`/v1/rulesets/${encodeURIComponent(candidate)}/backtests`, { key: s.keys.screen })).status).toBe(403)
    expect((await s.svc.post('/v1/rulesets/nope/backtest', s.keys.analyst, {})).status).toBe(404)
    expect((await s.svc.request('/v1/backtests/bt_00000000000000000000', { key: s.keys.analyst })).status).toBe(404)
    expect((await s.svc.request('/v1/backtests/bt_00000000000000000000', { key: s.keys.screen })).status).toBe(403)
    // no body is all defaults; admin keys may too
    const res = await s.svc.request(`/v1/rulesets/${encodeURIComponent(candidate)}/backtest`, { method: 'POST', key: s.keys.admin })
    expect(res.status).toBe(202)
  })

  it('prunes records screened longer ago than the retention', async () => {
    const keys = await tenantKeys('prune')
    await screen(keys.screen, transferAt('2026-10-01T00:00:00Z', 0, 'PR-1', 'X'))
    const db = s.svc.store.db
    const config = { ...DEFAULT_CONFIG, historyRetentionDays: 30 }
    expect(await pruneHistory({ db, config, clock: { now: () => Date.now() + 29 * DAY_MS } })).toBe(0)
    expect(await kept(db, 'prune')).toHaveLength(1)
    expect(await pruneHistory({ db, config, clock: { now: () => Date.now() + 31 * DAY_MS } })).toBeGreaterThan(0)
    expect(await kept(db, 'prune')).toEqual([])
  })
})

describe.each(DIALECTS)('history in database mode (%s)', (dialect) => {
  const s = useSeededService(dialect, { realtimeState: 'database' })

  it("keeps each real-time transfer in the caller's tenant's history", async () => {
    const record = transferAt('2026-03-01T00:00:00Z', 0, 'DBM-1', 'X')
    expect((await s.svc.post('/v1/screen', s.keys.screen, record)).status).toBe(200)
    expect(await kept(s.svc.store.db, 'default')).toEqual([{ source: 'realtime', record_id: record.id }])
  })
})

describe.each(DIALECTS)('history off (%s)', (dialect) => {
  const s = useSeededService(dialect, { historyRetentionDays: 0, live: { keepHistory: false } })

  it('keeps nothing with a retention of 0 days', async () => {
    expect((await s.svc.post('/v1/screen', s.keys.screen, transferAt('2026-03-01T00:00:00Z', 0, 'OFF-1', 'X'))).status).toBe(200)
    const res = await s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body: JSON.stringify(transferAt('2026-03-01T00:00:00Z', 1, 'OFF-1', 'Y')) + '\n', headers: { 'content-type': 'application/x-ndjson' } })
    await waitFor(s.svc, s.keys.screen, `/v1/batches/${(await res.json()).id}`, (b) => b.status === 'completed')
    expect(await kept(s.svc.store.db, 'default')).toEqual([])
  })
})

describe('a stopping service and a backtest', () => {
  const s = useSeededService('pglite')

  it('does not wait for the backtest: it ends at once, failed as interrupted, and can be started again', async () => {
    const start = '2026-07-01T00:00:00Z'
    for (let i = 0; i < 3; i++) expect((await s.svc.post('/v1/screen', s.keys.screen, transferAt(start, i, 'STOP-1', `STOP-R${i}`))).status).toBe(200)
    const published = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: CANDIDATE })
    const version = encodeURIComponent((await published.json()).version)
    // the service is stopping as the backtest is taken: its first step finds the signal aborted
    const stopped = (s.svc.background as InProcessTasks).stop()
    const res = await s.svc.post(`/v1/rulesets/${version}/backtest`, s.keys.analyst, {})
    expect(res.status).toBe(202)
    await stopped
    await (s.svc.background as InProcessTasks).idle()
    const job = await (await s.svc.request(`/v1/backtests/${(await res.json()).id}`, { key: s.keys.analyst })).json()
    expect(job.status).toBe('failed')
    expect(job.error.code).toBe('interrupted')
  })
})
