import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecordDecoder, RecordEncoder } from '../../src/batch/record-codec.ts'
import { inputFormats, PARTY_FIELDS, TransferRecordSchema, type ParsedLine, type TransferRecord } from '../../src/core/index.ts'

const ROOT = join(import.meta.dirname, '../..')

/** what a worker sees: every line of `parsed`, encoded in messages of `per` lines */
function roundTrip(parsed: ParsedLine[], per: number, encoder = new RecordEncoder(), decoder = new RecordDecoder()) {
  const out: (TransferRecord | undefined)[] = []
  for (let i = 0; i < parsed.length; i += per) {
    out.push(...decoder.lines(encoder.encode(parsed.slice(i, i + per))))
  }
  return out
}

const parseNdjson = (lines: string[]) => inputFormats.named('ndjson')!.parser().push(lines.map((text, i) => ({ line: i + 1, text })))

/** the record as the schema defines it: absent and undefined fields are the same to the rules */
const schemaFields = (r: TransferRecord | undefined) => JSON.parse(JSON.stringify(r ?? null)) as unknown

describe('records handed to screening workers', () => {
  it('keeps every field of every record, and the place of lines that did not parse', () => {
    const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 2000)
    const malformed = readFileSync(join(ROOT, 'fixtures/records/malformed.ndjson'), 'utf8').split('\n')
    const text = [...lines.slice(0, 500), ...malformed, ...lines.slice(500)].filter(Boolean)
    const parsed = parseNdjson(text)
    expect(parsed.some((p) => !p.ok)).toBe(true)

    const decoded = roundTrip(parsed, 128)
    expect(decoded).toHaveLength(parsed.length)
    parsed.forEach((p, i) => expect(schemaFields(decoded[i])).toEqual(schemaFields(p.ok ? p.record : undefined)))
  })

  it('carries every schema field, each in its own slot, including optional ones the generator leaves out', () => {
    // a valid value per party field, each different, so a field read from another field's slot shows
    const special: Record<string, (id: string) => string> = {
      type: (id) => (id === 's' ? 'person' : 'business'),
      accountOpened: (id) => (id === 's' ? '2024-01-02' : '2023-05-06'),
      dateOfBirth: (id) => (id === 's' ? '1970-03-04' : '1981'),
      country: (id) => (id === 's' ? 'GB' : 'DE'),
      nationality: (id) => (id === 's' ? 'FR' : 'IT'),
      bic: (id) => (id === 's' ? 'COBADEFF' : 'BNPAFRPPXXX'),
      iban: (id) => (id === 's' ? 'DE89370400440532013000' : 'FR1420041010050500013M02606'),
      lei: (id) => (id === 's' ? '5299000J2N45DDNE4Y28' : '529900T8BM49AURSDO55'),
    }
    const party = (id: string) => Object.fromEntries(PARTY_FIELDS.map((f) => [f, special[f]?.(id) ?? `${id}-${f}`]))
    const full = TransferRecordSchema.parse({
      id: 't1', timestamp: '2026-03-01T10:15:00Z', amount: '12.50', currency: 'EUR', channel: 'wire',
      sender: party('s'), receiver: party('r'), reference: 'rent', purpose: 'family',
      ultimateSender: { name: 'us-name', lei: '529900HNOAA1KXQJUQ27' }, ultimateReceiver: { id: 'ur', name: 'ur-name', type: 'person' },
      location: { country: 'FR', city: 'Calais', branch: 'B1' }, device: { id: 'd1', ip: '192.0.2.1' },
    })
    // every party field is set, to a value of its own; every record field too
    expect(Object.keys(full.sender)).toHaveLength(PARTY_FIELDS.length)
    expect(new Set([...Object.values(full.sender), ...Object.values(full.receiver)]).size).toBe(2 * PARTY_FIELDS.length)
    expect(Object.keys(TransferRecordSchema.shape).sort()).toEqual(Object.keys(full).sort())
    const [decoded] = roundTrip([{ ok: true, line: 1, record: full }], 1)
    expect(schemaFields(decoded)).toEqual(schemaFields(full))
  })

  it('keeps the two string tables in step when they start again, across messages', () => {
    const lines = readFileSync(join(ROOT, 'fixtures/generated/records.ndjson'), 'utf8').split('\n').slice(0, 600).filter(Boolean)
    const parsed = parseNdjson(lines)
    // a table of 16 strings starts again every few records
    const decoded = roundTrip(parsed, 37, new RecordEncoder(16))
    parsed.forEach((p, i) => expect(schemaFields(decoded[i])).toEqual(schemaFields(p.ok ? p.record : undefined)))
  })
})
