import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SlowCommits } from '../../src/service/slow-commits.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from './support/databases.ts'
import { transfer } from './support/rules.ts'
import { seed, TestService, type Keys } from './support/service.ts'

describe('SlowCommits', () => {
  function reporter() {
    const said: string[] = []
    let now = 0
    const slow = new SlowCommits({ thresholdMs: 100, everyMs: 10_000, log: (m) => said.push(m), now: () => now })
    return { said, slow, at: (ms: number) => (now = ms) }
  }

  it('says nothing while commits are quick', () => {
    const { said, slow } = reporter()
    for (let i = 0; i < 1000; i++) slow.flushed(99, 3)
    slow.tell()
    expect(said).toEqual([])
  })

  it('tells the first slow flush at once, then sums the next ones up at most once per interval', () => {
    const { said, slow, at } = reporter()
    slow.flushed(5, 2)
    slow.flushed(394, 5)
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/^real-time commits: 1 of 2 flushes took 100 ms or more \(slowest 394 ms; 5 answers waited for them\)/)
    at(4_000)
    slow.flushed(150, 3)
    slow.flushed(20, 1)
    at(9_000)
    slow.flushed(220, 4)
    expect(said).toHaveLength(1)
    // the first flush after the interval tells what was counted since
    at(10_500)
    slow.flushed(10, 1)
    expect(said).toHaveLength(2)
    expect(said[1]).toMatch(/^real-time commits: 2 of 4 flushes took 100 ms or more in the last 11 s \(slowest 220 ms; 7 answers waited for them\)/)
  })

  it('tells what is still counted when asked (at close)', () => {
    const { said, slow, at } = reporter()
    slow.flushed(120, 1)
    at(1_000)
    slow.flushed(130, 2)
    slow.tell()
    expect(said).toHaveLength(2)
    expect(said[1]).toMatch(/1 of 1 flushes .* \(slowest 130 ms; 2 answers/)
  })
})

// A commit held up in the database (here by a lock another session holds, as a stalled fsync would) is what
// sets the real-time tail; the process itself is idle meanwhile, so the service must say so. PGlite has one
// session, so nothing else can hold it up.
/** polls `cond` until it holds (at most 30 s, then fails the test) */
async function until(cond: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await cond()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('condition not reached')
}

describe.runIf(DIALECTS.includes('pg'))('pg: a slow real-time commit is logged', () => {
  let test: TestDatabase
  let svc: TestService
  let keys: Keys
  const said: string[] = []

  beforeAll(async () => {
    test = await freshDatabase('pg')
    svc = await TestService.open(test.target, { live: { slowCommitMs: 1, log: (m) => said.push(m) } })
    keys = await seed(svc)
  })
  afterAll(async () => {
    await svc?.close()
    await test?.drop()
  })

  it('answers once the commit is through, and logs the wait with the calls it held up', async () => {
    if (test.target.kind !== 'pg') throw new Error('a PostgreSQL target was expected')
    const locker = new pg.Client({ connectionString: test.target.url })
    await locker.connect()
    try {
      await locker.query('begin')
      // inserts into verdicts wait for this lock
      await locker.query('lock table verdicts in share mode')
      const held = svc.post('/v1/screen', keys.screen, transfer(11, 'HELD', 'X'))
      // no sleeps: wait until the first flush is blocked on the lock, then until the second call is queued behind it
      await until(async () => Number((await locker.query("select count(*) from pg_locks where relation = to_regclass('verdicts') and not granted")).rows[0].count) > 0)
      const behind = svc.post('/v1/screen', keys.screen, transfer(12, 'BEHIND', 'X'))
      await until(async () => (svc.live?.writer.queuedRows ?? 0) > 0)
      await locker.query('commit')
      expect([(await held).status, (await behind).status]).toEqual([200, 200])
    } finally {
      await locker.end()
    }
    // a threshold of 1 ms makes the held flush slow whatever the machine: the first is told at once, with both calls it held up
    const told = said.filter((m) => m.startsWith('real-time commits'))
    expect(told[0]).toMatch(/^real-time commits: 1 of 1 flushes took 1 ms or more \(slowest \d+ ms; 2 answers waited for them\)/)
  })
})
