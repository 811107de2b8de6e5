import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../src/adapters/node/config.ts'
import { eventLoopBusy } from '../../src/adapters/node/event-loop-load.ts'
import { processShadowThread } from '../../src/adapters/node/shadow-process.ts'
import type { ShadowThreadFactory } from '../../src/service/shadow-thread-port.ts'
import { transfer } from './support/rules.ts'
import { useSeededService } from './support/service.ts'
import { runningShadow } from './support/running-shadow.ts'

// The shadow yields to live traffic: while the server says it is busy (here a forced signal) it hands on and
// screens no call; they wait in its queue, shown as its lag, and are all screened once it is quiet.
const WAIT = { timeout: 30_000, interval: 20 }
const CALLS = 12

for (const threaded of [false, true]) {
  describe(`shadow${threaded ? ', in its own process' : ', on the event loop'}: held while the server is busy`, () => {
    let busy = false
    let asked = 0
    const shadowBusy = () => {
      asked++
      return busy
    }
    const shadowThread: ShadowThreadFactory = (...args) => processShadowThread()(...args)
    const s = useSeededService('pglite', { live: { shadowBusy, shadowPostEveryMs: 5, ...(threaded && { shadowThread }) } })

    it('holds every call while busy, shows the lag, and screens them all once quiet', async () => {
      const view = await runningShadow(s)

      busy = true
      const calls = await Promise.all(Array.from({ length: CALLS }, (_, i) => s.svc.post('/v1/screen', s.keys.screen, transfer(i, `H-${i}`, 'X'))))
      expect(calls.map((r) => r.status)).toEqual(Array(CALLS).fill(200))
      // the shadow has looked at the load again since every call was answered (on its timer): it held them
      const mark = asked
      await expect.poll(() => asked, WAIT).toBeGreaterThan(mark + 1)
      const held = await view()
      expect(held).toMatchObject({ held: true, processed: 0, queued: CALLS, dropped: 0 })
      expect(held.lagMs).toBeGreaterThan(0)

      busy = false
      await expect.poll(async () => (await view()).processed, WAIT).toBe(CALLS)
      expect(await view()).toMatchObject({ held: false, processed: CALLS, queued: 0, lagMs: 0, dropped: 0, skipped: 0 })
    })
  })
}

// Under load that does not end, holding every call would fill the queue and drop calls: past half its bound the
// shadow works even while the server is busy, so that it keeps up (at some cost in latency) rather than lose calls.
for (const threaded of [false, true]) {
  describe(`shadow${threaded ? ', in its own process' : ', on the event loop'}: a queue past half its bound is not held`, () => {
    const MAX_QUEUED = 8
    const shadowThread: ShadowThreadFactory = (...args) => processShadowThread()(...args)
    const s = useSeededService('pglite', { live: { shadowBusy: () => true, shadowMaxQueued: MAX_QUEUED, shadowPostBatch: 1, shadowPostEveryMs: 5, ...(threaded && { shadowThread }) } })

    it('screens calls while busy until half the bound is left, dropping none', async () => {
      const view = await runningShadow(s)

      for (let i = 0; i < MAX_QUEUED; i++) expect((await s.svc.post('/v1/screen', s.keys.screen, transfer(i, `F-${i}`, 'X'))).status).toBe(200)
      await expect.poll(async () => (await view()).processed, WAIT).toBe(MAX_QUEUED / 2)
      await expect.poll(async () => (await view()).held, WAIT).toBe(true)
      expect(await view()).toMatchObject({ processed: MAX_QUEUED / 2, queued: MAX_QUEUED / 2, dropped: 0 })
    })
  })
}

describe('the Node service: the event loop load the shadow yields to', () => {
  it('is busy after a loop that never waited, never with 1, and reads TXSCREEN_SHADOW_MAX_LOAD', () => {
    const half = eventLoopBusy(0.5)
    const never = eventLoopBusy(1)
    const until = performance.now() + 150
    while (performance.now() < until);
    expect(half()).toBe(true)
    expect(never()).toBe(false)
    expect(configFromEnv({}).shadowMaxLoad).toBe(0.2)
    expect(configFromEnv({ TXSCREEN_SHADOW_MAX_LOAD: '0.5' }).shadowMaxLoad).toBe(0.5)
    expect(() => configFromEnv({ TXSCREEN_SHADOW_MAX_LOAD: '2' })).toThrow(/from 0 to 1/)
  })
})
