import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/core/index.ts'
import { DIALECTS, freshDatabase, type TestDatabase } from '../service/support/databases.ts'
import { decode, outcome } from './decode.ts'
import { seed, TestService, type Keys, type TestConfig } from '../service/support/service.ts'

/** Issue 18, item 2: one far-future timestamp must not move the real-time clock of every window. */

const record = (id: string, timestamp: string) => ({ id, timestamp, amount: '5', currency: 'USD', sender: { id: 'S' }, receiver: { id: 'R' } })

describe('event times in batches', () => {
  const times = {
    far: '9999-12-31T23:59:59Z',
    ancient: '0001-01-01T00:00:00Z',
    before: '1899-12-31T23:59:59Z',
    shiftedPast: '2199-12-31T23:00:00-05:00', // 2200 in UTC
    first: '1900-01-01T00:00:00Z',
    last: '2199-12-31T23:59:59Z',
    usual: '2026-03-01T10:00:00Z',
  }

  it('reports absurd years as line errors at the timestamp, in NDJSON', async () => {
    const text = Object.entries(times).map(([id, t]) => JSON.stringify(record(id, t))).join('\n')
    expect((await decode('ndjson', text)).map(outcome)).toEqual([
      '1:invalid_record:timestamp',
      '2:invalid_record:timestamp',
      '3:invalid_record:timestamp',
      '4:invalid_record:timestamp',
      'ok:first',
      'ok:last',
      'ok:usual',
    ])
  })

  it('and in CSV, with a message that says the range', async () => {
    const out = await decode('csv', `id,timestamp,amount,currency,sender.id,receiver.id\nfar,${times.far},5,USD,S,R\nusual,${times.usual},5,USD,S,R\n`)
    expect(out.map(outcome)).toEqual(['2:invalid_record:timestamp', 'ok:usual'])
    expect(out[0]!.ok ? '' : out[0]!.error.error.message).toMatch(/1900.*2199/)
  })
})

const NOW = Date.parse('2026-03-02T00:00:00Z')
const SKEW_MS = 60_000

for (const dialect of DIALECTS) {
  for (const realtimeState of ['memory', 'database'] as const) {
    describe(`${dialect}, ${realtimeState} state: event times ahead of the clock`, () => {
      const clock = new ManualClock(NOW)
      let test: TestDatabase
      let svc: TestService
      let keys: Keys
      beforeAll(async () => {
        test = await freshDatabase(dialect)
        svc = await TestService.open(test.target, { realtimeState, clock, maxFutureSkewMs: SKEW_MS } as TestConfig)
        keys = await seed(svc)
      })
      afterAll(async () => {
        await svc?.close()
        await test?.drop()
      })

      const screen = async (id: string, at: number | string) => {
        const timestamp = typeof at === 'string' ? at : new Date(at).toISOString()
        const res = await svc.post('/v1/screen', keys.screen, { ...record(id, timestamp), sender: { id: `S-${realtimeState}` } })
        return { status: res.status, body: await res.json() }
      }

      it('refuses a time more than the skew ahead with 422, keeps past times, and the history survives', async () => {
        const past = await screen('rt-1', '2026-03-01T23:00:00Z')
        expect(past.status).toBe(200)
        expect(past.body.decision).toBe('clear')

        // an absurd year is an invalid record; a plausible year ahead of the clock is refused as such
        const absurd = await screen('rt-absurd', '9999-12-31T23:59:59Z')
        expect(absurd.status).toBe(400)
        expect(absurd.body.issues.map((i: { path: string }) => i.path)).toEqual(['timestamp'])
        const far = await screen('rt-far', '2030-01-01T00:00:00Z')
        expect(far.status).toBe(422)
        expect(far.body.type).toBe('/docs#problem-future-timestamp')
        expect(far.body.path).toBe('timestamp')
        expect(far.body.maxFutureSkewSeconds).toBe(SKEW_MS / 1000)

        const ahead = await screen('rt-ahead', NOW + SKEW_MS + 1000)
        expect(ahead.status).toBe(422)

        // within the skew: accepted, and the sender's first transfer is still in its window
        const near = await screen('rt-2', NOW + SKEW_MS - 1000)
        expect(near.status).toBe(200)
        expect(near.body.decision).toBe('review')
        expect(near.body.hits.map((h: { rule: string; evidence: { transfers: string[] } }) => [h.rule, h.evidence.transfers])).toEqual([['repeat-sender', ['rt-1', 'rt-2']]])

        // the clock moves on and the time once refused is now fine
        clock.advance(10 * 60_000)
        const later = await screen('rt-ahead', NOW + SKEW_MS + 1000)
        expect(later.status).toBe(200)
        expect(later.body.decision).toBe('review')
      })
    })
  }
}
