import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'

/**
 * Hostile batch input for the fuzz suites: NDJSON and CSV lines generated from real records and then mutated, with
 * the line numbers each input record starts on, so a test can check one output per record, in order.
 */

export const ROOT = join(import.meta.dirname, '../..')
export const CLEAN_FILE = join(ROOT, 'fixtures/generated/records.ndjson')

/** valid records to start from: the generator's output */
export const CLEAN_LINES = readFileSync(CLEAN_FILE, 'utf8').split('\n').filter(Boolean)
const BASE = CLEAN_LINES.slice(0, 500).map((l) => JSON.parse(l) as Record<string, unknown>)

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']
const FIELDS = ['id', 'timestamp', 'amount', 'currency', 'channel', 'sender', 'receiver', 'reference', 'purpose', 'location', 'device']
const PARTY_FIELDS = ['id', 'name', 'type', 'account', 'country', 'phone', 'email', 'accountOpened', 'dateOfBirth']

/** numbers as written in JSON text, exact or not */
const NUMBER_TEXT = fc.oneof(
  fc.constantFrom('9007199254740993', '9007199254740992', '1e400', '-1e400', '1e-400', '-0', '0', '0.1', '1E2', '123456789012345678901234567890', '0.10000000000000000001', '1.5e308', '5e-324', '-5'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
)

const ODD_DATES = fc.oneof(
  fc.constantFrom('9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2199-12-31T23:00:00-05:00', '2026-02-30T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T23:59:60Z', '2026-03-01', '2026-03-01T10:00:00', '+275760-09-13T00:00:00Z', '2026-03-01T10:00:00.123456789+14:00', '', 'yesterday'),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
)

/** text with the characters that break stores and parsers */
const NASTY_TEXT = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udc00x', '\udc00\ud800', '😀', '\ufeff', '"', '\\', ',', '\r', '\u2028', '%00', "'; drop table batches; --"),
)

// long fields within the line limit; the suites add a few lines past it (1 MiB) themselves
const LONG_TEXT = fc.integer({ min: 500, max: 5_000 }).map((n) => 'x'.repeat(n))

/** JSON text of a value nested `depth` deep */
const DEEP = fc.integer({ min: 10, max: 3_000 }).chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`))

/** a raw JSON value text to put where a field's value goes */
const RAW_VALUE: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: NUMBER_TEXT },
  { weight: 3, arbitrary: ODD_DATES.map((d) => JSON.stringify(d)) },
  { weight: 3, arbitrary: NASTY_TEXT.map((t) => JSON.stringify(t)) },
  { weight: 1, arbitrary: LONG_TEXT.map((t) => JSON.stringify(t)) },
  { weight: 1, arbitrary: DEEP },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom('null', 'true', '[]', '{}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}') },
)

/** one NDJSON line: a real record with one or more fields replaced by raw hostile values */
const GENERATED_LINE: fc.Arbitrary<string> = fc
  .tuple(
    fc.nat(BASE.length - 1),
    fc.array(
      fc.tuple(fc.oneof(fc.constantFrom(...FIELDS, ...PROTO_KEYS), fc.constantFrom(...PARTY_FIELDS, ...PROTO_KEYS).map((k) => `sender.${k}`)), RAW_VALUE),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([i, edits]) => {
    const record = structuredClone(BASE[i]!)
    const raw: string[] = []
    for (const [path, value] of edits) {
      const [top, inner] = path.split('.') as [string, string | undefined]
      const marker = `@@RAW${raw.length}@@`
      raw.push(value)
      if (inner === undefined) Object.defineProperty(record, top, { value: marker, enumerable: true, writable: true, configurable: true })
      else {
        const party = { ...(record.sender as object) }
        Object.defineProperty(party, inner, { value: marker, enumerable: true, writable: true, configurable: true })
        record.sender = party
      }
    }
    return JSON.stringify(record).replace(/"@@RAW(\d+)@@"/g, (_, n) => raw[Number(n)]!)
  })

/** text edits of a valid line: cut, insert, repeat or swap characters (never a line break) */
const MUTATED_LINE: fc.Arbitrary<string> = fc
  .tuple(
    fc.nat(BASE.length - 1),
    fc.array(
      fc.tuple(fc.constantFrom('cut', 'insert', 'repeat', 'truncate'), fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: 'binary', maxLength: 8 })),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([i, edits]) => {
    let text = JSON.stringify(BASE[i])
    for (const [kind, where, chars] of edits) {
      const at = Math.floor(where * text.length)
      const safe = chars.replace(/[\n]/g, ' ')
      if (kind === 'cut') text = text.slice(0, at) + text.slice(at + safe.length + 1)
      else if (kind === 'insert') text = text.slice(0, at) + safe + text.slice(at)
      else if (kind === 'repeat') text = text.slice(0, at) + text.slice(at, at + 20).repeat(3) + text.slice(at)
      else text = text.slice(0, at)
    }
    return text
  })

export const NDJSON_LINE: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: GENERATED_LINE },
  { weight: 4, arbitrary: MUTATED_LINE },
  { weight: 1, arbitrary: fc.constantFrom(...CLEAN_LINES.slice(0, 200)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/\n/g, ' ')), fc.constantFrom('', '   ', '\r', '[]', 'null', '"x"', '{', '}', '{}')) },
)

/** CSV fields of a record, some replaced by hostile text (commas, quotes and line breaks included) */
const CSV_HEADER = ['id', 'timestamp', 'amount', 'currency', 'channel', 'sender.id', 'sender.name', 'receiver.id', 'receiver.country', 'reference']
const CSV_FIELD = fc.oneof(
  { weight: 4, arbitrary: NASTY_TEXT },
  { weight: 2, arbitrary: fc.constantFrom('a\nb', 'line one\r\nline two', '"quoted"', 'a,b', '"', '\n\n') },
  { weight: 2, arbitrary: NUMBER_TEXT },
  { weight: 2, arbitrary: ODD_DATES },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 5_000 }).map((n) => 'y'.repeat(n)) },
)

export interface CsvRecord {
  cells: string[]
}

export const CSV_RECORD: fc.Arbitrary<CsvRecord> = fc
  .tuple(fc.nat(BASE.length - 1), fc.array(fc.tuple(fc.nat(CSV_HEADER.length - 1), CSV_FIELD), { maxLength: 3 }), fc.boolean())
  .map(([i, edits, shortRow]) => {
    const r = BASE[i] as any
    const cells = [r.id, r.timestamp, r.amount, r.currency, r.channel ?? '', r.sender.id, r.sender.name ?? '', r.receiver.id, r.receiver.country ?? '', r.reference ?? ''].map(String)
    for (const [at, value] of edits) cells[at] = value
    return { cells: shortRow && edits.length > 0 ? cells.slice(0, 4) : cells }
  })

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** NDJSON text of `lines` and the line number each record (non-blank line) starts on */
export function ndjsonText(lines: readonly string[]): { text: string; starts: number[] } {
  const starts: number[] = []
  lines.forEach((l, i) => {
    if (!/^[ \t\r]*$/.test(l)) starts.push(i + 1)
  })
  return { text: lines.join('\n') + '\n', starts }
}

/** CSV text of `records` under the fixed header, and the line each record starts on (quoted line breaks move later ones down) */
export function csvText(records: readonly CsvRecord[]): { text: string; starts: number[] } {
  const out = [CSV_HEADER.join(',')]
  const starts: number[] = []
  let line = 2
  for (const r of records) {
    const text = r.cells.map(csvCell).join(',')
    // a record that is blank as a whole is no record
    if (text.trim() !== '') starts.push(line)
    out.push(text)
    line += text.split('\n').length
  }
  return { text: out.join('\n') + '\n', starts }
}

const BROKEN_UTF8 = [[0xc3], [0xff], [0xfe, 0xfe], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80, 0x80]]

/**
 * `text` as UTF-8 with invalid sequences (lone lead and continuation bytes, an encoded surrogate, overlong forms)
 * dropped into every 20th line, and the lines each record then starts on (the decoder reads them as U+FFFD).
 */
export function withBrokenUtf8(text: string): { bytes: Uint8Array; starts: number[] } {
  const encoder = new TextEncoder()
  const lines = text.split('\n')
  const pieces: Uint8Array[] = []
  lines.forEach((line, i) => {
    const encoded = encoder.encode(line)
    if (i % 20 === 7) {
      const at = (i * 7919) % (encoded.length + 1)
      pieces.push(encoded.subarray(0, at), Uint8Array.from(BROKEN_UTF8[i % BROKEN_UTF8.length]!), encoded.subarray(at))
    } else pieces.push(encoded)
    if (i < lines.length - 1) pieces.push(NEWLINE)
  })
  const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of pieces) {
    bytes.set(p, offset)
    offset += p.length
  }
  return { bytes, starts: ndjsonText(new TextDecoder().decode(bytes).split('\n')).starts.filter((n) => n < lines.length) }
}

const NEWLINE = Uint8Array.of(0x0a)

/** `n` samples of `arb` from a fixed seed: the same input on every run */
export function samples<T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] {
  return fc.sample(arb, { numRuns: n, seed })
}
