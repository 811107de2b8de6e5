import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { workerShadowThread } from '../../src/adapters/node/shadow-thread.ts'
import { readRuleSources } from '../../src/rules-fs.ts'
import type { ShadowThreadFactory } from '../../src/service/shadow-thread-port.ts'
import { transfer } from './support/rules.ts'
import { useSeededService } from './support/service.ts'
import { CANDIDATE_RULES } from './support/shadow-rules.ts'

const WAIT = { timeout: 30_000, interval: 20 }

/** this process's threads and their scheduling: nice value and policy (Linux /proc) */
function schedulingByThread(): Map<number, { nice: number; policy: number }> {
  const threads = new Map<number, { nice: number; policy: number }>()
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    // the fields after the command's closing parenthesis: state is the 3rd field of the line, nice the 19th, policy the 41st
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    threads.set(Number(tid), { nice: Number(fields[16]), policy: Number(fields[38]) })
  }
  return threads
}

const niceByThread = () => new Map([...schedulingByThread()].map(([tid, s]) => [tid, s.nice]))
/** sched.h */
const SCHED_IDLE = 5

describe.runIf(existsSync('/proc/thread-self'))("the shadow's worker thread on Linux", () => {
  it('runs at the lowest scheduling priority, and leaves the rest of the process at its own', async () => {
    const before = niceByThread()
    const files = await readRuleSources(new URL('../../rules/default', import.meta.url).pathname)
    const thread = workerShadowThread(files, 'default', { activeVersion: '', evaluate: [0], reuse: [] })
    try {
      await thread.warmed()
      const after = niceByThread()
      const lowered = [...after].filter(([tid, nice]) => nice === 19 && before.get(tid) !== 19)
      expect(lowered).toHaveLength(1)
      expect(after.get(process.pid)).toBe(before.get(process.pid))
      expect(after.get(process.pid)).not.toBe(19)
    } finally {
      thread.close()
    }
  })

  // where util-linux's chrt is installed; without it the thread stays at nice 19 alone (the test above)
  it.runIf(['/usr/bin/chrt', '/bin/chrt'].some((p) => existsSync(p)))('runs under SCHED_IDLE, and the rest of the process does not', async () => {
    const before = schedulingByThread()
    const files = await readRuleSources(new URL('../../rules/default', import.meta.url).pathname)
    const thread = workerShadowThread(files, 'default', { activeVersion: '', evaluate: [0], reuse: [] })
    try {
      await thread.warmed()
      const after = schedulingByThread()
      const idle = [...after].filter(([tid, s]) => s.policy === SCHED_IDLE && before.get(tid)?.policy !== SCHED_IDLE)
      expect(idle).toHaveLength(1)
      expect(after.get(idle[0]![0])!.nice).toBe(19)
      expect(after.get(process.pid)!.policy).toBe(0)
    } finally {
      thread.close()
    }
  })
})

describe('the shadow on a worker thread: calls are posted a batch at a time', () => {
  const sizes: number[] = []
  const counting: ShadowThreadFactory = (files, version, plan) => {
    const thread = workerShadowThread(files, version, plan)
    return { ...thread, observe: (r) => thread.observe(r), warmed: () => thread.warmed(), close: () => thread.close(), screen: (calls) => (sizes.push(calls.length), thread.screen(calls)) }
  }
  // an interval no test waits out: calls are posted only once a full batch of 5 waits
  const s = useSeededService('pglite', { live: { shadowThread: counting, shadowPostEveryMs: 3_600_000, shadowPostBatch: 5 } })

  it('posts settled calls once a batch is full, not one message a call', async () => {
    const published = await s.svc.post('/v1/rulesets', s.keys.analyst, { files: CANDIDATE_RULES, activate: false })
    const path = `/v1/rulesets/${encodeURIComponent((await published.json()).version)}/shadow`
    const view = async () => (await s.svc.request(path, { key: s.keys.analyst })).json()
    expect((await s.svc.request(path, { method: 'POST', key: s.keys.analyst })).status).toBe(201)
    await expect.poll(async () => (await view()).status, WAIT).toBe('running')
    for (let i = 0; i < 12; i++) expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(i, `B-${i % 3}`, 'C'))).status).toBe(200)
    await expect.poll(async () => (await view()).processed, WAIT).toBe(10)
    expect(sizes).toEqual([5, 5])
    // the last two wait for a full batch (or the interval)
    expect((await view()).queued).toBe(2)
  })
})
