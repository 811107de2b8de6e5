import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../service/support/databases.ts'
import { useSeededService } from '../service/support/service.ts'
import { decode } from './decode.ts'

/** Issue 18, item 1: a CSV header path must not reach Object.prototype or any other shared object. */

const polluted = () => ['emit', 'polluted', 'id'].filter((k) => k in ({} as Record<string, unknown>))

afterEach(() => {
  // a failing run must not leak into the next test
  for (const k of ['emit', 'polluted']) delete (Object.prototype as Record<string, unknown>)[k]
})

describe('CSV header paths', () => {
  for (const column of ['__proto__.emit', 'sender.__proto__.polluted', 'constructor.prototype.polluted', 'sender.constructor.prototype.polluted']) {
    it(`"${column}" leaves Object.prototype alone and makes each record a line error naming the column`, async () => {
      const out = await decode('csv', `id,timestamp,amount,currency,sender.id,receiver.id,${column}\nT1,2026-03-01T10:00:00Z,5,USD,S,R,yes\nT2,2026-03-01T10:00:00Z,5,USD,S,R,yes\n`)
      expect(polluted()).toEqual([])
      expect(out.map((o) => (o.ok ? 'ok' : `${o.error.line}:${o.error.error.code}:${o.error.error.path}`))).toEqual([
        '2:invalid_csv:header.6',
        '3:invalid_csv:header.6',
      ])
      expect(out[0]!.ok ? '' : out[0]!.error.error.message).toContain(column)
    })
  }
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: a CSV upload with a prototype column`, () => {
    const s = useSeededService(dialect)

    it('does not break later batches of any caller', async () => {
      const upload = (body: string, type: string) =>
        s.svc.request('/v1/batches', { method: 'POST', key: s.keys.screen, body, headers: { 'content-type': type } })
      const wait = async (id: string) => {
        for (let i = 0; i < 600; i++) {
          const b = await (await s.svc.request(`/v1/batches/${id}`, { key: s.keys.screen })).json()
          if (b.status === 'completed' || b.status === 'failed') return b
          await new Promise((r) => setTimeout(r, 20))
        }
        throw new Error('batch did not finish')
      }
      const bad = await upload('id,__proto__.emit\nT1,yes\n', 'text/csv')
      expect(bad.status).toBe(202)
      const first = await wait((await bad.json()).id)
      expect(first.status).toBe('completed')
      expect(first.counts.errors).toBe(1)
      expect(polluted()).toEqual([])

      const record = { id: 'after-1', timestamp: '2026-03-01T10:00:00Z', amount: '5', currency: 'USD', sender: { id: 'S' }, receiver: { id: 'R' } }
      const good = await upload(JSON.stringify(record) + '\n', 'application/x-ndjson')
      expect(good.status).toBe(202)
      const second = await wait((await good.json()).id)
      expect(second.status).toBe('completed')
      expect(second.counts.errors).toBe(0)
    })
  })
}
