import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/index.ts'
import { transferFromBody } from '../../src/http/record-body.ts'
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
})
