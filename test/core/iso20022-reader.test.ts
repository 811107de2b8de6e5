import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inputFormats, type ParsedLine } from '../../src/core/index.ts'

const ROOT = join(import.meta.dirname, '../..')
const fixture = (name: string) => readFileSync(join(ROOT, 'fixtures/iso20022', name), 'utf8')

/** every output of a format's parser for `text`, fed in pieces of `piece` characters */
function parse(format: 'pacs008' | 'pain001', text: string, piece = text.length): ParsedLine[] {
  const parser = inputFormats.named(format)!.parser()
  if (parser.reads !== 'text') throw new Error('expected a text parser')
  const out: ParsedLine[] = []
  for (let i = 0; i < text.length; i += piece) out.push(...parser.push(text.slice(i, i + piece)))
  return [...out, ...parser.end()]
}

describe('pacs.008 mapping', () => {
  const out = parse('pacs008', fixture('pacs008-small.xml'))

  it('maps every element of the table', () => {
    expect(out).toHaveLength(3)
    expect(out[0]).toEqual({
      ok: true,
      line: 11,
      record: {
        id: 'TX-1',
        timestamp: '2026-03-01T09:15:00.000Z',
        amount: '9500.00',
        currency: 'EUR',
        channel: 'money_transfer',
        sender: {
          id: 'CUST-778', name: 'Anna Keller', type: 'person', account: 'CH9300762011623852957', institution: 'UBSWCHZH80A',
          country: 'CH', city: 'Zurich', phone: '+41-445551234', email: 'anna.keller@mail.example', dateOfBirth: '1980-04-12',
          iban: 'CH9300762011623852957',
        },
        receiver: {
          id: 'HRB-12345', name: 'Nordlicht Handels GmbH', type: 'business', account: 'DE89370400440532013000', institution: 'COBADEFFXXX',
          country: 'DE', bic: 'NORDDEH1', iban: 'DE89370400440532013000', lei: '529900T8BM49AURSDO55',
        },
        ultimateSender: { name: 'Harbour Imports Ltd', type: 'business', lei: '5299000J2N45DDNE4Y28' },
        ultimateReceiver: { name: 'Ivan Petrov' },
        reference: 'Invoice 2026-118 machine parts',
        purpose: 'GDDS',
      },
    })
  })

  it('takes the UETR when the end-to-end id is NOTPROVIDED, the header time read as UTC, the account as id, wire by default', () => {
    expect(out[1]).toMatchObject({
      ok: true,
      record: {
        id: '7d1f9a5c-3b0e-4e62-8d4f-5c9e0a1b2c3d', timestamp: '2026-03-01T09:00:00Z', channel: 'wire', purpose: 'family support',
        sender: { id: '12345678', account: '12345678', institution: 'BARCGB22' },
      },
    })
    expect((out[1] as { record: { sender: object } }).record.sender).not.toHaveProperty('country')
  })

  it("names a bad transaction's place and element path, and goes on", () => {
    expect(out[2]).toEqual({
      ok: false,
      error: {
        line: 54,
        transaction: 3,
        id: 'E2E-3',
        error: {
          code: 'invalid_record',
          path: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/IntrBkSttlmAmt',
          message: expect.stringContaining('amount must be a positive decimal'),
        },
      },
    })
  })

  it('gives the same outputs however the text is cut', () => {
    expect(parse('pacs008', fixture('pacs008-small.xml'), 7)).toEqual(out)
  })

  it('names the missing element of a transaction', () => {
    const text = fixture('pacs008-small.xml').replace('<IntrBkSttlmAmt Ccy="GBP">120.5</IntrBkSttlmAmt>', '')
    expect(parse('pacs008', text)[1]).toMatchObject({
      ok: false,
      error: { transaction: 2, error: { code: 'invalid_record', path: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt' } },
    })
  })
})

describe('pain.001 mapping', () => {
  const out = parse('pain001', fixture('pain001-small.xml'))

  it("takes the debtor side from the payment information and the header's time", () => {
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({
      ok: true,
      record: {
        id: 'INV-118', timestamp: '2026-03-02T06:30:00.000Z', amount: '4200.00', currency: 'EUR', channel: 'ach', reference: 'Invoice 118',
        sender: { id: 'NL91ABNA0417164300', name: 'Harbour Imports Ltd', type: 'business', institution: 'ABNANL2A', country: 'NL', lei: '5299000J2N45DDNE4Y28' },
        receiver: { id: 'SIREN-552100554', type: 'business', institution: 'BNPAFRPP', country: 'FR', iban: 'FR1420041010050500013M02606' },
        ultimateSender: { name: 'Harbour Holdings BV' },
      },
    })
    // NOTPROVIDED and no UETR: the message id and the place; an unknown channel is wire; a private id
    expect(out[1]).toMatchObject({
      ok: true,
      record: { id: 'TXS-PAIN-0001/2', channel: 'wire', purpose: 'SALA', receiver: { id: 'NL-ID-44', type: 'person', account: '0532013000' } },
    })
  })

  it('falls back to the requested execution date at midnight without a CreDtTm', () => {
    const text = fixture('pain001-small.xml').replace(/<CreDtTm>.*<\/CreDtTm>/, '')
    expect(parse('pain001', text)[0]).toMatchObject({ ok: true, record: { timestamp: '2026-03-03T00:00:00Z' } })
  })

  it('names the payment information element for a bad debtor field', () => {
    const text = fixture('pain001-small.xml').replace('<Ctry>NL</Ctry>', '<Ctry>nl</Ctry>')
    expect(parse('pain001', text)[0]).toMatchObject({
      ok: false,
      error: { transaction: 1, error: { path: '/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/PstlAdr/Ctry' } },
    })
  })
})

describe('messages the reader refuses', () => {
  it('stops at the first well-formedness error, naming the line and the transaction', () => {
    const text = fixture('pacs008-small.xml').replace('<Nm>Tom Baker</Nm>', '<Nm>Tom Baker</Name>')
    const out = parse('pacs008', text)
    expect(out).toHaveLength(2)
    expect(out[0]!.ok).toBe(true)
    expect(out[1]).toMatchObject({ ok: false, error: { line: 46, transaction: 2, error: { code: 'invalid_xml' } } })
  })

  it('refuses another message, and versions outside the range', () => {
    const pain = parse('pacs008', fixture('pain001-small.xml'))
    expect(pain).toEqual([{ ok: false, error: { line: 4, error: { code: 'invalid_xml', message: expect.stringMatching(/is pain\.001 .* not pacs\.008/) } } }])
    const old = parse('pacs008', fixture('pacs008-small.xml').replace('pacs.008.001.08', 'pacs.008.001.02'))
    expect(old).toMatchObject([{ ok: false, error: { error: { message: expect.stringContaining('pacs.008.001.08 to .12') } } }])
  })

  it('expands no entities from a DTD', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "boom">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><CdtTrfTxInf><PmtId><TxId>&x;</TxId></PmtId></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>'
    expect(parse('pacs008', text)).toMatchObject([{ ok: false, error: { transaction: 1, error: { code: 'invalid_xml' } } }])
  })

  it('says so when there is no Document, and nothing for an empty input', () => {
    expect(parse('pacs008', '<Other/>')).toMatchObject([{ ok: false, error: { error: { code: 'invalid_xml', message: expect.stringContaining('no ISO 20022 Document') } } }])
    expect(parse('pacs008', '  \n')).toEqual([])
  })
})

describe('detection', () => {
  const encode = (s: string) => new TextEncoder().encode(s)
  it('tells the messages apart by namespace or root element, whatever the ending', () => {
    expect(inputFormats.detect('in.xml', encode(fixture('pacs008-small.xml'))).name).toBe('pacs008')
    expect(inputFormats.detect('in.xml', encode(fixture('pain001-small.xml'))).name).toBe('pain001')
    expect(inputFormats.detect('-', encode(fixture('pain001-small.xml'))).name).toBe('pain001')
    expect(inputFormats.detect('-', encode('<p:Document xmlns:p="x"><p:CstmrCdtTrfInitn>')).name).toBe('pain001')
    expect(inputFormats.forMediaType('application/xml; charset=utf-8', encode(fixture('pain001-small.xml')))?.name).toBe('pain001')
  })
})
