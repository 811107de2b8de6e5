import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { processShadowThread } from '../../src/adapters/node/shadow-process.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import type { ShadowThread, ShadowThreadFactory } from '../../src/service/shadow-thread-port.ts'
import { transfer } from './support/rules.ts'
import { useSeededService } from './support/service.ts'
import { runningShadow } from './support/running-shadow.ts'

const WAIT = { timeout: 30_000, interval: 20 }

/** a process's threads and their scheduling: nice value and policy (Linux /proc) */
function schedulingByThread(pid: number | 'self'): Map<number, { nice: number; policy: number }> {
  const threads = new Map<number, { nice: number; policy: number }>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    // the fields after the command's closing parenthesis: state is the 3rd field of the line, nice the 19th, policy the 41st
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    threads.set(Number(tid), { nice: Number(fields[16]), policy: Number(fields[38]) })
  }
  return threads
}

/** this process's child processes */
function children(): Set<number> {
  const pids = new Set<number>()
  for (const tid of readdirSync('/proc/self/task')) {
    for (const pid of readFileSync(`/proc/self/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) pids.add(Number(pid))
  }
  return pids
}

/** sched.h */
const SCHED_IDLE = 5
const hasChrt = ['/usr/bin/chrt', '/bin/chrt'].some((p) => existsSync(p))

describe.runIf(existsSync('/proc/thread-self'))("the shadow's process on Linux", () => {
  it('runs every thread at the lowest scheduling priority (SCHED_IDLE where chrt is installed), and leaves this process at its own', async () => {
    const before = schedulingByThread('self')
    const started = children()
    const files = await readRuleSources(new URL('../../rules/default', import.meta.url).pathname)
    const shadow = processShadowThread()(files, 'default', { activeVersion: '', evaluate: [0], reuse: [] }, 'test')
    try {
      await shadow.warmed()
      const shadowPids = [...children()].filter((pid) => !started.has(pid))
      expect(shadowPids).toHaveLength(1)
      const threads = [...schedulingByThread(shadowPids[0]!).values()]
      // its JavaScript thread and V8's and libuv's helper threads alike
      expect(threads.length).toBeGreaterThan(1)
      for (const t of threads) {
        expect(t.nice).toBe(19)
        if (hasChrt) expect(t.policy).toBe(SCHED_IDLE)
      }
      expect(schedulingByThread('self')).toEqual(before)
    } finally {
      shadow.close()
    }
  })
})

/** the process shadow, its `screen` going through `screen` (to count or hold back the batches it is sent) */
function processThreadVia(screen: (thread: ShadowThread, calls: string) => ReturnType<ShadowThread['screen']>): ShadowThreadFactory {
  return (files, version, plan, shadowId) => {
    const thread = processShadowThread()(files, version, plan, shadowId)
    return { ...thread, observe: (r) => thread.observe(r), warmed: () => thread.warmed(), close: () => thread.close(), screen: (calls) => screen(thread, calls) }
  }
}

const batchSize = (calls: string) => (JSON.parse(calls) as unknown[]).length

describe('the shadow in its own process: calls are sent a batch at a time', () => {
  const sizes: number[] = []
  const counting = processThreadVia((thread, calls) => (sizes.push(batchSize(calls)), thread.screen(calls)))
  // an interval no test waits out: calls are posted only once a full batch of 5 waits
  const s = useSeededService('pglite', { live: { shadowThread: counting, shadowPostEveryMs: 3_600_000, shadowPostBatch: 5 } })

  it('sends settled calls once a batch is full, not one message a call', async () => {
    const view = await runningShadow(s)
    for (let i = 0; i < 12; i++) expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(i, `B-${i % 3}`, 'C'))).status).toBe(200)
    await expect.poll(async () => (await view()).processed, WAIT).toBe(10)
    expect(sizes).toEqual([5, 5])
    // the last two wait for a full batch (or the interval)
    expect((await view()).queued).toBe(2)
  })
})

describe('the shadow in its own process: a batch answered while a call behind it is still unanswered', () => {
  const sizes: number[] = []
  let releaseFirst!: () => void
  const firstAnswered = new Promise<void>((resolve) => (releaseFirst = resolve))
  // the first batch's answer waits until the test lets it through
  const gated = processThreadVia(async (thread, calls) => {
    const first = sizes.push(batchSize(calls)) === 1
    const outcomes = await thread.screen(calls)
    if (first) await firstAnswered
    return outcomes
  })
  const s = useSeededService('pglite', { live: { shadowThread: gated, shadowPostEveryMs: 3_600_000, shadowPostBatch: 5 } })

  it('still sends only full batches of settled calls', async () => {
    const view = await runningShadow(s)
    let last: { ruleset: string; decision: string; score: number } | undefined
    for (let i = 0; i < 9; i++) {
      const res = await s.svc.post('/v1/screen', s.keys.screen, transfer(i, `B-${i % 3}`, 'C'))
      expect(res.status).toBe(200)
      last = await res.json()
    }
    // a tenth call screened and offered, its answer not yet sent, when the first batch's answer comes back
    const shadow = s.svc.live!.shadow
    const record = transfer(9, 'B-0', 'C')
    const verdict = { ...last!, id: record.id, hits: [] }
    const tenth = shadow.offer(record as never, JSON.stringify(record), verdict as never, JSON.stringify(verdict), [], { tenant: 'default', keyId: null })!
    releaseFirst()
    await expect.poll(async () => (await view()).processed, WAIT).toBe(5)
    await new Promise((resolve) => setTimeout(resolve, 200))
    // four settled calls wait behind nothing, the fifth is unanswered: no batch of four goes
    expect(sizes).toEqual([5])
    shadow.settled(tenth, false)
    await expect.poll(async () => (await view()).processed, WAIT).toBe(10)
    expect(sizes).toEqual([5, 5])
  })
})

describe('the shadow in its own process: rows it cannot store', () => {
  it('counts them and says so with its outcomes, rather than lose them unseen', async () => {
    const files = await readRuleSources(new URL('../../rules/default', import.meta.url).pathname)
    // a database nobody listens at: every statement of the process's own connection fails
    const shadow = processShadowThread({ databaseUrl: 'postgres://postgres@127.0.0.1:9/none', log: () => {} })(files, 'default', { activeVersion: '', evaluate: [0], reuse: [] }, 'test')
    try {
      await shadow.warmed()
      // an active decision of review: every call's row is kept
      const calls = JSON.stringify(Array.from({ length: 3 }, (_, i) => ({ record: transfer(i, 'U-1', 'U-2'), decision: 'review', score: 40, ruleset: 'active', tenant: 'default', keyId: null })))
      expect((await shadow.screen(calls)).unstored).toBe(0)
      // the rows are written within a second; the count comes back with the next outcomes
      await expect.poll(async () => (await shadow.screen('[]')).unstored, WAIT).toBe(3)
    } finally {
      shadow.close()
    }
  })
})
