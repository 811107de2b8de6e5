import { z } from 'zod'

/** Transfer record, interchange form v1. The schema is also the TypeScript type. */

const MAX_FRACTION_DIGITS = 8

// a decimal written as text, or a JSON number read back through its shortest text form, so the value stays exact
const amountSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? numberToDecimalText(v) : v.trim()))
  .refine((s) => /^\d{1,18}(\.\d{1,8})?$/.test(s), {
    message: `amount must be a positive decimal with at most ${MAX_FRACTION_DIGITS} fraction digits`,
  })
  .refine((s) => /[1-9]/.test(s), { message: 'amount must be greater than zero' })

export function numberToDecimalText(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const text = String(n)
  if (!/e/i.test(text)) return text
  // 1e-7 and friends: expand without going through floating arithmetic
  return n.toFixed(MAX_FRACTION_DIGITS).replace(/\.?0+$/, '')
}

export const CHANNELS = [
  'wire',
  'ach',
  'card',
  'cash',
  'cheque',
  'money_transfer',
  'mobile_money',
  'crypto',
  'internal',
  'other',
] as const
export const PARTY_TYPES = ['person', 'business', 'msb', 'unknown'] as const

/**
 * Event times outside these years are taken to be mistakes (9999-12-31 placeholders, year 0001 defaults): they would
 * move the screening clock, and with it every window, far from the other records.
 */
export const EVENT_YEARS = { first: 1900, last: 2199 } as const
const FIRST_EVENT_MS = Date.UTC(EVENT_YEARS.first, 0, 1)
const AFTER_LAST_EVENT_MS = Date.UTC(EVENT_YEARS.last + 1, 0, 1)

/** Whether an RFC 3339 time falls within `EVENT_YEARS` in UTC; text that is not a time is left to the format check. */
export function eventTimeInRange(timestamp: string): boolean {
  const ms = Date.parse(timestamp)
  return Number.isNaN(ms) || (ms >= FIRST_EVENT_MS && ms < AFTER_LAST_EVENT_MS)
}

const text = (max: number) => z.string().max(max)
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "GB"')
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })])
// the shapes of ISO 9362 BICs, ISO 13616 IBANs and ISO 17442 LEIs (check digits are not verified)
export const BIC = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/
export const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/
export const LEI = /^[A-Z0-9]{18}\d{2}$/

export const PartySchema = z.object({
  id: z.string().min(1).max(128),
  name: text(512).optional(),
  type: z.enum(PARTY_TYPES).optional(),
  account: text(128).optional(),
  institution: text(128).optional(),
  country: countryCode.optional(),
  city: text(128).optional(),
  phone: text(64).optional(),
  email: text(256).optional(),
  handle: text(128).optional(),
  accountOpened: dateOrDateTime.optional(),
  nationality: countryCode.optional(),
  dateOfBirth: z.union([z.iso.date(), z.string().regex(/^\d{4}$/)], { error: 'expected a date of birth as YYYY-MM-DD or YYYY' }).optional(),
  bic: z.string().regex(BIC, 'expected a BIC of 8 or 11 upper-case letters and digits, e.g. DEUTDEFF').optional(),
  iban: z.string().regex(IBAN, 'expected an IBAN in upper case without spaces, e.g. DE89370400440532013000').optional(),
  lei: z.string().regex(LEI, 'expected a 20-character LEI').optional(),
})
export type Party = z.infer<typeof PartySchema>
/** an ultimate debtor or creditor (ISO 20022): a party on whose behalf the sender pays or the receiver is paid; it may have no identifier */
export const UltimatePartySchema = PartySchema.extend({ id: PartySchema.shape.id.optional() })
export type UltimateParty = z.infer<typeof UltimatePartySchema>
/** the fields of a party, in schema order: every list of party fields elsewhere is this one */
export const PARTY_FIELDS = Object.keys(PartySchema.shape) as readonly (keyof Party)[]

export const TransferRecordSchema = z.object({
  id: z.string().min(1).max(128),
  timestamp: z.iso
    .datetime({ offset: true, message: 'expected an RFC 3339 date-time with offset, e.g. 2026-03-01T10:15:00Z' })
    .refine(eventTimeInRange, { message: `expected a time in the years ${EVENT_YEARS.first} to ${EVENT_YEARS.last} (UTC)` }),
  amount: amountSchema,
  currency: z.string().regex(/^[A-Z]{3,5}$/, 'expected 3-5 upper-case letters (ISO 4217 or an asset code such as USDT)'),
  channel: z.enum(CHANNELS).optional(),
  sender: PartySchema,
  receiver: PartySchema,
  ultimateSender: UltimatePartySchema.optional(),
  ultimateReceiver: UltimatePartySchema.optional(),
  reference: text(1024).optional(),
  purpose: text(256).optional(),
  location: z
    .object({ country: countryCode.optional(), city: text(128).optional(), branch: text(128).optional() })
    .optional(),
  device: z.object({ id: text(256).optional(), ip: text(64).optional() }).optional(),
})

/** A validated record: `amount` is always decimal text. */
export type TransferRecord = z.infer<typeof TransferRecordSchema>
/** What a producer may send: `amount` may be a JSON number. */
export type TransferRecordInput = z.input<typeof TransferRecordSchema>
