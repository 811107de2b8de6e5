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
