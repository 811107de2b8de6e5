import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScreeningError, type TransferRecord } from '../../src/core/index.ts'
import { LiveScreening } from '../../src/service/live-screening.ts'
import { PartitionedRealtime } from '../../src/service/partitioned/partitioned-realtime.ts'
import type { PartitionCall } from '../../src/service/partitioned/partition-state.ts'
import { findStoredTransfer } from '../../src/store/realtime-store.ts'
import { structuringSequence } from './support/alerting.ts'
import { DIALECTS } from './support/databases.ts'
import { inProcessPartitions } from './support/partition-link.ts'
import { alertingSequence, cycleHops } from './support/realtime-sequences.ts'
import { useShippedPackStores } from './support/shipped-pack.ts'

const PARTITIONS = 4

// the state Workers keep in Durable Objects, here in objects in this process: the same verdicts as memory mode
for (const dialect of DIALECTS.slice(0, 1)) {
  describe(`${dialect}: real-time state held by partitions`, () => {
    const shipped = useShippedPackStores(dialect, 2)
    let memory: LiveScreening
    let partitioned: PartitionedRealtime
    let link: ReturnType<typeof inProcessPartitions>

    beforeAll(() => {
      const [m, p] = shipped.stores
      memory = new LiveScreening(m!.store.db, m!.rulesets, { storeVerdicts: 'all' })
      link = inProcessPartitions(p!.store.db)
      partitioned = new PartitionedRealtime({ db: p!.store.db, rulesets: p!.rulesets, storeVerdicts: 'all', link, partitions: PARTITIONS })
    })
    afterAll(() => memory?.close())

    it('give the verdicts of memory mode on a fixture sequence and a cycle of five hops, across a restart of every partition', async () => {
      const records = [...alertingSequence(shipped.files), ...cycleHops('ring', 5)]
      let alerts = 0
      for (const [i, record] of records.entries()) {
        // halfway, every partition goes away: the next calls rebuild them from the history
        if (i === Math.floor(records.length / 2)) link.restart()
        const [m, p] = await Promise.all([memory.screen(record), partitioned.screen(record)])
        expect(p.json).toBe(m.json)
        if (m.verdict.decision !== 'clear') alerts++
      }
      expect(alerts).toBeGreaterThanOrEqual(3)
      // every key partition and the graph partition held a share
      expect(link.states.size).toBe(PARTITIONS + 1)
      const last = (await partitioned.screen(records.at(-1)!)).verdict
      expect(last.hits.find((h) => h.rule === 'cycle')?.evidence.value).toBe(5)
    }, 300_000)

    it('answers a retry with the stored verdict and does not count it twice', async () => {
      const records = cycleHops('retry', 3, '2026-03-01T00:00:00Z')
      const first = await partitioned.screen(records[0]!)
      // read back from the database, whose JSON orders keys its own way
      const again = await partitioned.screen(records[0]!)
      expect(again.verdict).toEqual(first.verdict)
      const m = await memory.screen(records[0]!)
      expect(m.json).toBe(first.json)
      for (const r of records.slice(1)) expect((await partitioned.screen(r)).json).toBe((await memory.screen(r)).json)
    })

    it('refuses a currency without a rate before any partition counts it', async () => {
      const [record] = cycleHops('norate', 2, '2026-03-02T00:00:00Z')
      await expect(partitioned.screen({ ...record!, currency: 'XYZ' })).rejects.toBeInstanceOf(ScreeningError)
    })

    it('makes the partitions it reached rebuild when the write fails, so the retry is screened and stored', async () => {
      // three near-threshold transfers from one sender: the third alerts only if the second is in its history
      const { bodies, expected } = structuringSequence('LOST')
      const records = bodies as TransferRecord[]
      const db = shipped.stores[1]!.store.db
      expect((await partitioned.screen(records[0]!)).json).toBe((await memory.screen(records[0]!)).json)
      // the history's table away: the append fails after the partitions counted the transfer
      await sql`alter table entity_events rename to entity_events_away`.execute(db)
      await expect(partitioned.screen(records[1]!)).rejects.toThrow()
      await sql`alter table entity_events_away rename to entity_events`.execute(db)
      expect((await partitioned.screen(records[1]!)).json).toBe((await memory.screen(records[1]!)).json)
      expect(await findStoredTransfer(db, records[1]!.id)).toBeDefined()
      // rebuilt from the record alone, the partitions still see the second transfer
      link.restart()
      const third = await partitioned.screen(records[2]!)
      expect(third.json).toBe((await memory.screen(records[2]!)).json)
      expect(third.verdict).toMatchObject(expected)
    })

    it('answers a retry that races the first call with the first call\'s verdict', async () => {
      const { bodies, expected } = structuringSequence('RACE')
      const records = bodies as TransferRecord[]
      for (const r of records.slice(0, 2)) await Promise.all([partitioned.screen(r), memory.screen(r)])
      // the partitions' answers to the first call come late (a slow network): its retry finds them holding the
      // transfer before the first call has written it
      const answered = new Set<number>()
      const slow = {
        forget: (p: number) => link.forget(p),
        screen: async (call: PartitionCall) => {
          const answer = await link.screen(call)
          if (!answered.has(call.partition)) {
            answered.add(call.partition)
            await new Promise((r) => setTimeout(r, 300))
          }
          return answer
        },
      }
      const p = shipped.stores[1]!
      const racing = new PartitionedRealtime({ db: p.store.db, rulesets: p.rulesets, storeVerdicts: 'all', link: slow, partitions: PARTITIONS })
      const [first, retry] = await Promise.all([racing.screen(records[2]!), racing.screen(records[2]!)])
      expect(first.verdict).toMatchObject(expected)
      expect(retry.verdict).toEqual(first.verdict)
    })
  })
}
