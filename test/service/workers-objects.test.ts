import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TransferRecord, Verdict } from '../../src/core/index.ts'
import { LiveScreening } from '../../src/service/live-screening.ts'
import { DIALECTS } from './support/databases.ts'
import { alertingSequence, cycleHops } from './support/realtime-sequences.ts'
import { useShippedPackStores } from './support/shipped-pack.ts'
import { screenOn, startWorker, workerDatabase, type Worker } from './support/workerd.ts'

// the real-time state in Durable Objects by partition (wrangler.toml binds them): verdicts equal memory mode's
describe.runIf(DIALECTS.includes('pg'))('workerd: real-time state in Durable Objects', () => {
  let worker: Worker | undefined
  let db: Awaited<ReturnType<typeof workerDatabase>> | undefined
  // memory mode, the reference, on PGlite
  const shipped = useShippedPackStores('pglite', 1)
  let memory: LiveScreening | undefined
  let records: TransferRecord[] = []

  beforeAll(async () => {
    // cycles of four and five hops close after the fixture's days: only state holding every edge sees them
    records = [...alertingSequence(shipped.files), ...cycleHops('edge-ring4', 4), ...cycleHops('edge-ring5', 5, '2026-02-26T00:00:00Z')]
    memory = new LiveScreening(shipped.stores[0]!.store.db, shipped.stores[0]!.rulesets, { storeVerdicts: 'all' })
    db = await workerDatabase('txscreen_objects')
    worker = await startWorker(db.url, { TXSCREEN_PARTITIONS: '3' })
  }, 180_000)

  afterAll(async () => {
    await worker?.stop()
    await db?.drop()
    await memory?.close()
  })

  it('gives the verdicts of memory mode on the fixture transfers and on cycles of four and five hops, across a restart', async () => {
    const ready = (await (await worker!.fetch('/ready')).json()) as { realtime: string }
    expect(ready.realtime).toBe('objects')
    const cut = Math.floor(records.length / 2)
    let alerts = 0
    for (const [i, record] of records.entries()) {
      if (i === cut) {
        // a new runtime: every object starts empty and rebuilds its partition from PostgreSQL
        await worker!.stop()
        worker = await startWorker(db!.url, { TXSCREEN_PARTITIONS: '3' })
      }
      const res = await screenOn(worker!, db!.key, record)
      expect(res.status).toBe(200)
      const expected = await memory!.screen(record)
      expect(await res.text()).toBe(expected.json)
      if (expected.verdict.decision !== 'clear') alerts++
    }
    expect(alerts).toBeGreaterThanOrEqual(3)

    // the cycles close: four and five hops, which the database mode's per-call replay cannot see
    const cycles = [records.at(-6)!, records.at(-1)!]
    for (const [n, record] of [4, 5].map((n, i) => [n, cycles[i]!] as const)) {
      // a retry: the stored verdict, counted once
      const again = (await (await screenOn(worker!, db!.key, record)).json()) as Verdict
      expect(again.hits.find((h) => h.rule === 'cycle')?.evidence.value).toBe(n)
    }
    const reused = await screenOn(worker!, db!.key, { ...records.at(-1)!, amount: '1.00' })
    expect(reused.status).toBe(409)
  }, 300_000)
})
