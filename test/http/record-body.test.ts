import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/index.ts'
import { transferFromBody, transferFromBodyText } from '../../src/http/record-body.ts'
import { parseJsonText } from '../../src/http/body.ts'
import { Problem } from '../../src/http/problem.ts'

const FIXTURE = join(import.meta.dirname, '../../fixtures/generated/records.ndjson')

describe('a transfer record from a request body', () => {
  it('is what the zod schema returns, to the byte, for the generated fixture', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean).slice(0, 3000)
    for (const line of lines) {
      const expected = JSON.stringify(TransferRecordSchema.parse(JSON.parse(line)))
      expect(JSON.stringify(transferFromBody(JSON.parse(line)))).toBe(expected)
    }
  })

  it('drops fields the schema does not know, at every level, and keeps the schema order', () => {
    const body = {
      extra: 'x'.repeat(100),
      receiver: { id: 'B', country: 'IQ', secret: 1 },
      sender: { phone: '+44', id: 'A', nickname: 'a' },
      device: { ip: '10.0.0.1', model: 'z' },
      location: { city: 'Erbil', floor: 3 },
      currency: 'USD',
      amount: 12.5,
      timestamp: '2026-03-01T10:00:00Z',
      id: 't1',
    }
    const fast = transferFromBody(structuredClone(body))
    expect(JSON.stringify(fast)).toBe(JSON.stringify(TransferRecordSchema.parse(body)))
    expect(fast).toEqual({
      id: 't1', timestamp: '2026-03-01T10:00:00Z', amount: '12.5', currency: 'USD',
      sender: { id: 'A', phone: '+44' }, receiver: { id: 'B', country: 'IQ' }, location: { city: 'Erbil' }, device: { ip: '10.0.0.1' },
    })
  })

  it('is what the zod schema returns for any order, subset and extra fields of a valid record', () => {
    const party = { id: 'A-1', name: 'Ann "A" Lee', type: 'person', account: '12', country: 'GB', city: 'Leeds', phone: '+44', email: 'a@b.c', handle: 'ann' }
    const full: Record<string, unknown> = {
      id: 't-1', timestamp: '2026-03-01T10:00:00.123Z', amount: '12.50', currency: 'GBP', channel: 'wire',
      sender: party, receiver: { ...party, id: 'B-2' }, ultimateSender: { name: 'U' }, reference: 'ref', purpose: 'rent',
      location: { country: 'GB', city: 'Leeds', branch: 'x' }, device: { id: 'd-1', ip: '10.0.0.1' },
    }
    const required = new Set(['id', 'timestamp', 'amount', 'currency', 'sender', 'receiver'])
    // an object with some of `from`'s fields (all of `keep`), in some order, with maybe an unknown one among them
    const shuffled = (from: Record<string, unknown>, keep: ReadonlySet<string>, inner: (k: string, v: unknown) => fc.Arbitrary<unknown>) =>
      fc
        .tuple(
          fc.shuffledSubarray(Object.keys(from), { minLength: 0 }),
          fc.boolean(),
          fc.nat(),
          fc.tuple(...Object.keys(from).map((k) => inner(k, from[k]))),
        )
        .map(([some, extra, at, values]) => {
          const keys = [...new Set([...some, ...keep])].sort((a, b) => (some.indexOf(a) + 1 || 99) - (some.indexOf(b) + 1 || 99))
          if (extra) keys.splice(at % (keys.length + 1), 0, 'unknownField')
          const out: Record<string, unknown> = {}
          for (const k of keys) out[k] = k === 'unknownField' ? 'x' : values[Object.keys(from).indexOf(k)]
          return out
        })
    const nested = (k: string, v: unknown): fc.Arbitrary<unknown> =>
      typeof v === 'object' && v !== null ? shuffled(v as Record<string, unknown>, new Set(k === 'sender' || k === 'receiver' ? ['id'] : []), (_k, w) => fc.constant(w)) : fc.constant(v)
    fc.assert(
      fc.property(shuffled(full, required, nested), (body) => {
        const text = JSON.stringify(body)
        const expected = JSON.stringify(TransferRecordSchema.parse(JSON.parse(text)))
        expect(JSON.stringify(transferFromBody(JSON.parse(text), text))).toBe(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it('leaves an invalid record to the schema, which names every bad field', () => {
    try {
      transferFromBody({ id: 't1', timestamp: 'yesterday', amount: '-1', currency: 'usd', sender: { id: 'A' }, receiver: { id: 'B' } })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(Problem)
      const issues = (err as Problem).extra.issues as { path: string }[]
      expect(issues.map((i) => i.path).sort()).toEqual(['amount', 'currency', 'timestamp'])
    }
  })

  describe('with the JSON to store for it', () => {
    it('is the body itself when it holds exactly the record, else the record made into JSON', () => {
      const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean).slice(0, 3000)
      let asSent = 0
      for (const line of lines) {
        const { record, json } = transferFromBodyText(line)
        expect(JSON.stringify(record)).toBe(JSON.stringify(transferFromBody(JSON.parse(line), line)))
        expect(JSON.parse(json)).toEqual(record)
        if (json === line) asSent++
        else expect(json).toBe(JSON.stringify(record))
      }
      // the generator writes records as the schema has them: no copy made for any of them
      expect(asSent).toBe(lines.length)
    })

    it('is the record made into JSON when the body has unknown fields, a number amount or an amount to trim', () => {
      const base = { id: 't1', timestamp: '2026-03-01T10:00:00Z', amount: '12.50', currency: 'USD', sender: { id: 'A' }, receiver: { id: 'B' } }
      const bodies = [
        { ...base, extra: 1 },
        { ...base, sender: { id: 'A', nickname: 'a' } },
        { ...base, location: { city: 'Erbil', floor: 3 } },
        { ...base, amount: 12.5 },
        { ...base, amount: ' 12.50 ' },
        { id: 't1', amount: '12.50', timestamp: base.timestamp, currency: 'USD', sender: base.sender, receiver: base.receiver },
      ]
      for (const body of bodies) {
        const text = JSON.stringify(body)
        const { record, json } = transferFromBodyText(text)
        expect(json).toBe(JSON.stringify(record))
        expect(record).toEqual(transferFromBody(JSON.parse(text), text))
      }
    })

    it('is the body as sent, white space and all, when that holds exactly the record: what it says is the record', () => {
      const text = '{ "id": "t1", "timestamp": "2026-03-01T10:00:00Z",\n  "amount": "12.50", "currency": "USD", "sender": {"id": "A", "name": "Ann \\u00e9"}, "receiver": {"id": "B"} }'
      const { record, json } = transferFromBodyText(text)
      expect(json).toBe(text)
      expect(JSON.parse(json)).toEqual(record)
      expect(record.sender.name).toBe('Ann é')
    })

    it('refuses what parsing and transferFromBody refuse, with the same problem', () => {
      const problem = (f: () => unknown): string => {
        try {
          f()
        } catch (err) {
          return (err as Problem).render('/v1/screen').body
        }
        return 'none'
      }
      const bad = ['{"id":', '[1]', '{"id":"t1","timestamp":"yesterday","amount":"-1","currency":"usd","sender":{"id":"A"},"receiver":{"id":"B"}}',
        '{"id":"t1","timestamp":"2026-03-01T10:00:00Z","amount":"1","currency":"USD","sender":{"id":"A\\u0000"},"receiver":{"id":"B"}}']
      for (const text of bad) {
        const expected = problem(() => transferFromBody(parseJsonText(text), text))
        expect(expected).not.toBe('none')
        expect(problem(() => transferFromBodyText(text))).toBe(expected)
      }
    })
  })
})
