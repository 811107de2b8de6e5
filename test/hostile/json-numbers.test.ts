import { describe, expect, it } from 'vitest'
import { DIALECTS } from '../service/support/databases.ts'
import { useSeededService } from '../service/support/service.ts'
import { decode, outcome } from './decode.ts'

/** Issue 18, item 11: a JSON number amount that JSON.parse cannot hold exactly is refused, never rounded. */

const line = (id: string, amount: string, extra = '') =>
  `{"id":"${id}","timestamp":"2026-03-01T10:00:00Z","amount":${amount},"currency":"USD","sender":{"id":"S"${extra}},"receiver":{"id":"R"}}`

describe('JSON number amounts in NDJSON', () => {
  it('refuses numbers beyond 2^53 or with more digits than a double holds, at the amount', async () => {
    const cases: [string, string][] = [
      ['above-2^53', '9007199254740993'],
      ['2^53', '9007199254740992'],
      ['many-digits', '1234567890.12345678'],
      ['hidden-tail', '0.10000000000000000001'],
      ['huge-exponent', '1e400'],
    ]
    const out = await decode('ndjson', cases.map(([id, n]) => line(id, n)).join('\n'))
    expect(out.map(outcome)).toEqual(cases.map((_, i) => `${i + 1}:invalid_record:amount`))
    expect(out[0]!.ok ? '' : out[0]!.error.error.message).toMatch(/as text/)
  })

  it('keeps exact numbers, in any spelling, and amounts as text stay exact whatever their size', async () => {
    const cases: [string, string, string][] = [
      ['largest-safe', '9007199254740991', '9007199254740991'],
      ['trailing-zero', '12.50', '12.5'],
      ['exponent', '1e2', '100'],
      ['upper-exponent', '2.5E-3', '0.0025'],
      ['cents', '1234567.89', '1234567.89'],
      ['text-above-2^53', '"9007199254740993"', '9007199254740993'],
      ['text-18-digits', '"123456789012345678.12345678"', '123456789012345678.12345678'],
    ]
    const out = await decode('ndjson', cases.map(([id, n]) => line(id, n)).join('\n'))
    expect(out.map((o) => (o.ok ? o.record.amount : outcome(o)))).toEqual(cases.map(([, , want]) => want))
  })

  it('reads the amount JSON.parse keeps: the last top-level member, not one inside a party', async () => {
    const text = [
      line('nested-huge', '5', ',"amount":9007199254740993'),
      `{"amount":9007199254740993,${line('last-wins', '5').slice(1)}`,
      `{"id":"escaped-key","timestamp":"2026-03-01T10:00:00Z","\\u0061mount":9007199254740993,"currency":"USD","sender":{"id":"S"},"receiver":{"id":"R"}}`,
      `{"id":"string-with-key","note":"\\"amount\\":1","timestamp":"2026-03-01T10:00:00Z","amount":9007199254740993,"currency":"USD","sender":{"id":"S"},"receiver":{"id":"R"}}`,
    ].join('\n')
    expect((await decode('ndjson', text)).map((o) => (o.ok ? o.record.amount : outcome(o)))).toEqual([
      '5',
      '5',
      '3:invalid_record:amount',
      '4:invalid_record:amount',
    ])
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: JSON number amounts in real time`, () => {
    const s = useSeededService(dialect)
    const screen = (amount: string, id: string) =>
      s.svc.request('/v1/screen', { method: 'POST', key: s.keys.screen, body: line(id, amount) })

    it('answers 400 at the amount for a number beyond 2^53, and screens the same amount sent as text', async () => {
      const res = await screen('9007199254740993', 'num-rt-1')
      expect(res.status).toBe(400)
      expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual(['amount'])
      const text = await screen('"9007199254740993"', 'num-rt-2')
      expect(text.status).toBe(200)
      expect((await text.json()).id).toBe('num-rt-2')
    })
  })
}
