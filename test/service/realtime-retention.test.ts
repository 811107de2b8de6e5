import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../src/adapters/node/open-database.ts'
import { ManualClock, type TransferRecord } from '../../src/core/index.ts'
import { LiveScreening } from '../../src/service/live-screening.ts'
import { DatabaseRealtime } from '../../src/service/realtime.ts'
import { RulesetService } from '../../src/service/rulesets.ts'
import type { Db } from '../../src/store/db.ts'
import { DIALECTS, freshDatabase, type DialectName, type TestDatabase } from './support/databases.ts'
import { TEST_RULES, transfer } from './support/rules.ts'

const DAY_MINUTES = 24 * 60

/** The test rules with a 30-day window and 3 days of lateness: history kept 33 days, more than the 31-day minimum. */
const LONG_WINDOW = TEST_RULES.map((f) => ({ ...f, text: f.text.replace('lateness: 1h', 'lateness: 3d').replace('window: 24h', 'window: 30d') }))

/** The test rules (24 h window, 1 h lateness) and a rule on the days since a sender's previous transfer. */
const WITH_GAP = [
  { ...TEST_RULES[0]!, text: TEST_RULES[0]!.text.replace('  repeat-sender: { weight: 1 }\n', '  repeat-sender: { weight: 1 }\n  quiet-return: { weight: 1 }\n') },
  TEST_RULES[1]!,
  {
    path: 'test-rules/quiet-return.yaml',
    text: `kind: rule
id: quiet-return
version: 1
title: A sender pays again after a day or more without paying
typology: dormancy
source: service tests
entity: sender.id
measures:
  gap: { gap_days: true }
score:
  measure: gap
  bands:
    - { from: 1, score: 50 }
reason: "{entity} paid again after {gap} days"
`,
  },
]

interface Modes {
  memory: LiveScreening
  database: DatabaseRealtime
  /** the memory mode's database, then the database mode's */
  dbs: [Db, Db]
  close(): Promise<void>
}

/** The two real-time modes side by side, each over a database of its own with `files` active. */
async function bothModes(dialect: DialectName, files: typeof TEST_RULES, clock: ManualClock): Promise<Modes> {
  const opened: { test: TestDatabase; store: OpenDatabase }[] = []
  for (let i = 0; i < 2; i++) {
    const test = await freshDatabase(dialect)
    opened.push({ test, store: await openDatabase(test.target) })
  }
  const [m, d] = opened as [(typeof opened)[0], (typeof opened)[0]]
  const memoryRulesets = new RulesetService(clock)
  const databaseRulesets = new RulesetService(clock)
  expect((await memoryRulesets.publish(m.store.db, files, { actor: 'test', activate: true })).ok).toBe(true)
  expect((await databaseRulesets.publish(d.store.db, files, { actor: 'test', activate: true })).ok).toBe(true)
  const memory = new LiveScreening(m.store.db, memoryRulesets, { storeVerdicts: 'all', clock })
  // every call prunes, so the database mode's pruning does not depend on which transfer ids the test drew
  const database = new DatabaseRealtime({ db: d.store.db, rulesets: databaseRulesets, storeVerdicts: 'all', watchlists: () => undefined, pruneEvery: 1 })
  await memory.start()
  return {
    memory,
    database,
    dbs: [m.store.db, d.store.db],
    async close() {
      await memory.close()
      for (const o of opened) {
        await o.store.close()
        await o.test.drop()
      }
    },
  }
}

async function screenBoth(modes: Modes, record: ReturnType<typeof transfer>) {
  const m = await modes.memory.screen(record as TransferRecord)
  const d = await modes.database.screen(record as TransferRecord)
  return { m, d }
}

async function storedEventIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('entity_events').select('event_id').distinct().execute()
  return rows.map((r) => r.event_id).sort()
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: both real-time modes keep the same history`, () => {
    let modes: Modes | undefined
    afterEach(async () => {
      await modes?.close()
      modes = undefined
    })

    it('prune to the same events: the longest window plus the lateness behind the latest transfer', async () => {
      const clock = new ManualClock(0)
      modes = await bothModes(dialect, LONG_WINDOW, clock)
      const at = (days: number) => transfer(days * DAY_MINUTES, 'KEEP-S', 'KEEP-R')
      const [day0, day1, day2h, day4] = [at(0), at(1), at(2.5), at(4)]
      for (const t of [day0, day1, day2h, day4]) await screenBoth(modes, t)
      // the memory mode prunes when its clock says pruning is due, off the call that finds it due
      clock.advance(60_000)
      const day35 = at(35)
      await screenBoth(modes, day35)
      await modes.memory.close()
      // kept from day 35 - (30 + 3) = day 2: a 31-day retention (the window alone, at least 31 days) would drop day 2.5 too
      const kept = [day2h.id, day4.id, day35.id].sort()
      expect(await storedEventIds(modes.dbs[0])).toEqual(kept)
      expect(await storedEventIds(modes.dbs[1])).toEqual(kept)
    })

    it('give a late transfer just past a window edge the same verdict', async () => {
      modes = await bothModes(dialect, WITH_GAP, new ManualClock(0))
      await screenBoth(modes, transfer(0, 'GAP-S', 'GAP-R'))
      // another sender's transfer moves the latest time on by 25 h
      await screenBoth(modes, transfer(25 * 60, 'GAP-OTHER', 'GAP-R2'))
      // 30 minutes behind the latest transfer (within the 1 h lateness) and 24 h 30 min after the sender's previous one:
      // its history reaches back 24 h + 1 h, so the previous transfer is in it in both modes
      const { m, d } = await screenBoth(modes, transfer(24 * 60 + 30, 'GAP-S', 'GAP-R'))
      expect(m.json).toBe(d.json)
      expect(m.verdict.hits).toMatchObject([{ rule: 'quiet-return', evidence: { value: 1.02 } }])
    })
  })
}
