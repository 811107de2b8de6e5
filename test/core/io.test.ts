import { describe, expect, it } from 'vitest'
import { decodeBlocks, inputFormats, type InputFormat, type ParsedLine } from '../../src/core/index.ts'

async function decode(format: InputFormat, text: string | Uint8Array, chunkSize = 7, maxLineChars?: number): Promise<ParsedLine[]> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  // small chunks split lines and multi-byte characters across chunk boundaries
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize)
  }
  const out: ParsedLine[] = []
  for await (const slice of decodeBlocks(chunks(), inputFormats.named(format)!, maxLineChars)) out.push(...slice)
  return out
}

const good = (id: string, extra = '') =>
  `{"id":"${id}","timestamp":"2026-03-01T10:15:00Z","amount":"12.50","currency":"EUR","sender":{"id":"s"},"receiver":{"id":"r","name":"Zoë Ünal"}${extra}}`

describe('NDJSON decoding', () => {
  it('gives one result per record, in input order, whatever is wrong with the line', async () => {
    const text = [
      good('a'),
      '{"id":"b","timestamp":"2026-03-01T10:1', // truncated JSON
      good('c').replace('"12.50"', '"12.123456789"'), // 9 fraction digits
      good('d').replace('2026-03-01T10:15:00Z', '2026-03-01 10:15'), // no offset
      good('e').replace('"EUR"', '"eur"'),
      '"just a string"',
      '',
      good('f').replace('"s"}', '"s","country":"GBR"}'),
      good('g').replace('"12.50"', '12.5'), // JSON number
    ].join('\n')
    const out = await decode('ndjson', text)
    expect(out.map((o) => (o.ok ? o.record.id : `${o.error.line}:${o.error.error.code}:${o.error.error.path ?? ''}`))).toEqual([
      'a',
      '2:invalid_json:',
      '3:invalid_record:amount',
      '4:invalid_record:timestamp',
      '5:invalid_record:currency',
      '6:invalid_record:',
      '8:invalid_record:sender.country',
      'g',
    ])
    const g = out[7]!
    expect(g.ok && g.record.amount).toBe('12.5')
  })

  it('strips a byte-order mark and CRLF, and keeps multi-byte names intact across chunks', async () => {
    const text = '\ufeff' + good('a') + '\r\n' + good('b') + '\r\n'
    const out = await decode('ndjson', text, 3)
    expect(out.map((o) => o.ok && o.record.id)).toEqual(['a', 'b'])
    expect(out[0]!.ok && out[0]!.record.receiver.name).toBe('Zoë Ünal')
  })

  it('reports an overlong line and goes on with the next', async () => {
    const long = good('x', `,"reference":"${'z'.repeat(5000)}"`)
    const out = await decode('ndjson', [good('a'), long, good('b')].join('\n'), 64, 1000)
    expect(out.map((o) => (o.ok ? o.record.id : o.error.error.code))).toEqual(['a', 'line_too_long', 'b'])
    expect(!out[1]!.ok && out[1]!.error.line).toBe(2)
  })

  it('handles a last line without a newline', async () => {
    const out = await decode('ndjson', good('a') + '\n' + good('b'))
    expect(out.map((o) => o.ok && o.record.id)).toEqual(['a', 'b'])
  })
})

describe('CSV decoding', () => {
  const header = 'id,timestamp,amount,currency,channel,sender.id,sender.country,receiver.id,reference'
  it('builds nested records from dotted headers, with quoted commas, quotes and newlines', async () => {
    const text = [
      header,
      'a,2026-03-01T10:15:00Z,100.00,USD,wire,S1,GB,R1,"rent, March"',
      'b,2026-03-01T10:16:00Z,5,USD,cash,S1,,R2,"line one',
      'line two with ""quotes"""',
      'c,2026-03-01T10:17:00Z,5,USD,teleport,S1,GB,R2,',
      'd,2026-03-01T10:18:00Z,5,USD,wire,S1,GB',
      'e,2026-03-01T10:19:00Z,7,USD,wire,S1,GB,R3,ok',
    ].join('\r\n')
    const out = await decode('csv', text, 5)
    expect(out.map((o) => (o.ok ? o.record.id : `${o.error.line}:${o.error.error.code}:${o.error.error.path ?? ''}`))).toEqual([
      'a',
      'b',
      '5:invalid_record:channel',
      '6:invalid_csv:',
      'e',
    ])
    const a = out[0]!
    expect(a.ok && a.record).toMatchObject({ sender: { id: 'S1', country: 'GB' }, reference: 'rent, March', amount: '100.00' })
    const b = out[1]!
    expect(b.ok && b.record.reference).toBe('line one\nline two with "quotes"')
    expect(b.ok && b.record.sender.country).toBeUndefined()
  })

  it('reports an unterminated quote at the end of input', async () => {
    const out = await decode('csv', `${header}\na,2026-03-01T10:15:00Z,1,USD,wire,S,GB,R,"never closed`)
    expect(out.map((o) => (o.ok ? o.record.id : `${o.error.line}:${o.error.error.code}`))).toEqual(['2:invalid_csv'])
  })
})
