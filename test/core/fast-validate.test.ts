import { describe, expect, it } from 'vitest'
import { TransferRecordSchema } from '../../src/core/index.ts'
import { fastValidateRecord } from '../../src/core/record/fast-validate.ts'

// The fast path may decline what zod accepts (zod then decides), but must never accept what zod
// rejects, and must return what zod returns for the fields zod knows.

const base = {
  id: 't1',
  timestamp: '2026-03-01T10:15:00Z',
  amount: '12.50',
  currency: 'EUR',
  channel: 'wire',
  sender: { id: 's', name: 'Ana Lima', type: 'person', country: 'BR', accountOpened: '2020-02-29', phone: '+55 11 5555' },
  receiver: { id: 'r', name: 'Zoë Ünal', type: 'business', nationality: 'TR', accountOpened: '2021-01-01T00:00:00+01:00' },
  reference: 'invoice 7',
  purpose: 'goods',
  location: { country: 'GB', city: 'Dover', branch: 'b1' },
  device: { id: 'd1', ip: '10.0.0.1' },
}

type Mutation = [string, (r: any) => void]
const long = (n: number) => 'x'.repeat(n)

const mutations: Mutation[] = [
  ['as is', () => {}],
  ['number amount', (r) => (r.amount = 12.5)],
  ['tiny number amount', (r) => (r.amount = 1e-7)],
  ['huge number amount', (r) => (r.amount = 1e21)],
  ['NaN-like amount', (r) => (r.amount = Number.NaN)],
  ['padded amount', (r) => (r.amount = ' 12.5 ')],
  ['zero amount', (r) => (r.amount = '0.00')],
  ['negative amount', (r) => (r.amount = '-1')],
  ['9 fraction digits', (r) => (r.amount = '1.123456789')],
  ['19 integer digits', (r) => (r.amount = '1234567890123456789')],
  ['exponent text', (r) => (r.amount = '1e3')],
  ['boolean amount', (r) => (r.amount = true)],
  ['no id', (r) => delete r.id],
  ['empty id', (r) => (r.id = '')],
  ['id 128', (r) => (r.id = long(128))],
  ['id 129', (r) => (r.id = long(129))],
  ['numeric id', (r) => (r.id = 7)],
  ['no offset', (r) => (r.timestamp = '2026-03-01T10:15:00')],
  ['offset', (r) => (r.timestamp = '2026-03-01T10:15:00.123+05:30')],
  ['no seconds', (r) => (r.timestamp = '2026-03-01T10:15Z')],
  ['feb 30', (r) => (r.timestamp = '2026-02-30T10:15:00Z')],
  ['hour 24', (r) => (r.timestamp = '2026-03-01T24:00:00Z')],
  ['date only', (r) => (r.timestamp = '2026-03-01')],
  ['lower currency', (r) => (r.currency = 'eur')],
  ['asset code', (r) => (r.currency = 'USDT')],
  ['6-letter currency', (r) => (r.currency = 'ABCDEF')],
  ['no channel', (r) => delete r.channel],
  ['null channel', (r) => (r.channel = null)],
  ['odd channel', (r) => (r.channel = 'pigeon')],
  ['no sender', (r) => delete r.sender],
  ['array sender', (r) => (r.sender = [])],
  ['sender without id', (r) => delete r.sender.id],
  ['bad party type', (r) => (r.sender.type = 'robot')],
  ['bad country', (r) => (r.sender.country = 'gb')],
  ['bad nationality', (r) => (r.receiver.nationality = 'GBR')],
  ['name 512', (r) => (r.sender.name = long(512))],
  ['name 513', (r) => (r.sender.name = long(513))],
  ['phone 65', (r) => (r.sender.phone = long(65))],
  ['bad opened', (r) => (r.sender.accountOpened = '2021-13-01')],
  ['opened without offset', (r) => (r.sender.accountOpened = '2021-01-01T00:00:00')],
  ['reference 1025', (r) => (r.reference = long(1025))],
  ['purpose number', (r) => (r.purpose = 5)],
  ['location null', (r) => (r.location = null)],
  ['location bad country', (r) => (r.location.country = 'X')],
  ['device array', (r) => (r.device = ['a'])],
  ['device ip 65', (r) => (r.device.ip = long(65))],
  ['bic, iban, lei', (r) => ((r.sender.bic = 'COBADEFF'), (r.sender.iban = 'DE89370400440532013000'), (r.receiver.lei = '5299000J2N45DDNE4Y28'))],
  ['lower-case bic', (r) => (r.sender.bic = 'cobadeff')],
  ['iban with spaces', (r) => (r.receiver.iban = 'DE89 3704 0044 0532 0130 00')],
  ['short lei', (r) => (r.receiver.lei = '5299000J2N45DDNE4Y')],
  ['ultimate sender without id', (r) => (r.ultimateSender = { name: 'Harbour Imports Ltd', type: 'business' })],
  ['ultimate receiver bad country', (r) => (r.ultimateReceiver = { name: 'X', country: 'xx' })],
  ['ultimate sender not an object', (r) => (r.ultimateSender = 'someone')],
  ['unknown fields', (r) => ((r.extra = 1), (r.sender.extra = { a: 1 }))],
  ['minimal', (r) => {
    for (const k of ['channel', 'reference', 'purpose', 'location', 'device']) delete r[k]
    r.sender = { id: 's' }
    r.receiver = { id: 'r' }
  }],
]

function withoutUnknown(value: any, shape: any): any {
  if (typeof value !== 'object' || value === null) return value
  const out: any = {}
  for (const k of Object.keys(value)) if (k in shape) out[k] = withoutUnknown(value[k], shape[k])
  return out
}
const PARTY_SHAPE = { ...base.sender, account: 0, institution: 0, city: 0, email: 0, handle: 0, nationality: 0, dateOfBirth: 0, bic: 0, iban: 0, lei: 0 }
const SHAPE = { ...base, amount: 0, sender: PARTY_SHAPE, receiver: PARTY_SHAPE, ultimateSender: PARTY_SHAPE, ultimateReceiver: PARTY_SHAPE }

describe('fast record validation', () => {
  it.each(mutations)('agrees with the zod schema: %s', (_name, mutate) => {
    const input = structuredClone(base) as any
    mutate(input)
    const zod = TransferRecordSchema.safeParse(structuredClone(input))
    const fast = fastValidateRecord(structuredClone(input))
    if (fast !== undefined) {
      expect(zod.success).toBe(true)
      expect(withoutUnknown(fast, SHAPE)).toEqual(zod.data)
    } else {
      // declining a valid record only costs speed; here every valid variant should take the fast path
      expect(zod.success).toBe(false)
    }
  })
})

describe('fast record validation on generated data', () => {
  it('takes the fast path for every generated record and returns what zod returns', async () => {
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(new URL('../../fixtures/generated/records.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean)
    for (const line of lines) {
      const fast = fastValidateRecord(JSON.parse(line))
      expect(fast).toBeDefined()
      expect(withoutUnknown(fast, SHAPE)).toEqual(TransferRecordSchema.parse(JSON.parse(line)))
    }
  })
})
