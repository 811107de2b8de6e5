import { z } from 'zod'
import { BIC, CHANNELS, eventTimeInRange, IBAN, LEI, numberToDecimalText, PARTY_FIELDS, PARTY_TYPES, type Party, type TransferRecord } from './schema.ts'

/**
 * A hand-written check of the common, valid record, much cheaper than the zod schema.
 * It accepts a subset of what the schema accepts and then returns what the schema would (amount as
 * decimal text); anything unusual returns undefined and the schema decides, so zod stays the source
 * of truth for what is valid and for every error message (test/core/fast-validate.test.ts checks both).
 * Unknown fields are left in place instead of being stripped: nothing downstream reads them.
 */

// the very regexes z.iso.datetime({ offset: true }) and z.iso.date() use, so the fast path cannot drift
const DATETIME = z.core.regexes.datetime({ offset: true, local: false, precision: null })
const DATE = z.core.regexes.date
const AMOUNT = /^\d{1,18}(\.\d{1,8})?$/
const NON_ZERO = /[1-9]/
const CURRENCY = /^[A-Z]{3,5}$/
const COUNTRY = /^[A-Z]{2}$/
const YEAR = /^\d{4}$/
const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS)
const PARTY_TYPE_SET: ReadonlySet<string> = new Set(PARTY_TYPES)

type Obj = Record<string, unknown>

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** absent, or a string of at most `max` characters */
function optText(v: unknown, max: number): boolean {
  return v === undefined || (typeof v === 'string' && v.length <= max)
}

function optMatch(v: unknown, re: RegExp): boolean {
  return v === undefined || (typeof v === 'string' && re.test(v))
}

function idText(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= 128
}

/** what the schema asks of one party field, when present (every party field is text) */
interface FieldCheck {
  required: boolean
  maxLength: number
  /** one of these values */
  oneOf: ReadonlySet<string> | undefined
  /** matching one of these */
  patterns: readonly RegExp[] | undefined
}

const check = (c: Partial<FieldCheck>): FieldCheck => ({ required: false, maxLength: Infinity, oneOf: undefined, patterns: undefined, ...c })

/** one check per party field: a field added to `PartySchema` and not here fails to compile */
const PARTY_CHECKS: { [K in keyof Party]-?: FieldCheck } = {
  id: check({ required: true, maxLength: 128 }),
  name: check({ maxLength: 512 }),
  type: check({ oneOf: PARTY_TYPE_SET }),
  account: check({ maxLength: 128 }),
  institution: check({ maxLength: 128 }),
  country: check({ patterns: [COUNTRY] }),
  city: check({ maxLength: 128 }),
  phone: check({ maxLength: 64 }),
  email: check({ maxLength: 256 }),
  handle: check({ maxLength: 128 }),
  accountOpened: check({ patterns: [DATE, DATETIME] }),
  nationality: check({ patterns: [COUNTRY] }),
  dateOfBirth: check({ patterns: [DATE, YEAR] }),
  bic: check({ patterns: [BIC] }),
  iban: check({ patterns: [IBAN] }),
  lei: check({ patterns: [LEI] }),
}
const PARTY_FIELD_CHECKS = PARTY_FIELDS.map((f) => PARTY_CHECKS[f])
// an ultimate party's fields: the same, its id optional
const ULTIMATE_FIELD_CHECKS = PARTY_FIELD_CHECKS.map((c) => (c.required ? { ...c, required: false } : c))

function validField(c: FieldCheck, v: unknown): boolean {
  if (v === undefined) return !c.required
  if (typeof v !== 'string' || v.length > c.maxLength || (c.required && v.length === 0)) return false
  if (c.oneOf !== undefined && !c.oneOf.has(v)) return false
  if (c.patterns === undefined) return true
  for (let i = 0; i < c.patterns.length; i++) if (c.patterns[i]!.test(v)) return true
  return false
}

function validParty(p: unknown, checks = PARTY_FIELD_CHECKS): boolean {
  if (!isObject(p)) return false
  for (let i = 0; i < PARTY_FIELDS.length; i++) if (!validField(checks[i]!, p[PARTY_FIELDS[i]!])) return false
  return true
}

function validUltimate(p: unknown): boolean {
  return p === undefined || validParty(p, ULTIMATE_FIELD_CHECKS)
}

function amountText(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? numberToDecimalText(v) : undefined
  return text !== undefined && AMOUNT.test(text) && NON_ZERO.test(text) ? text : undefined
}

/** The validated record, or undefined when the schema has to decide. Sets `amount` to its decimal text. */
export function fastValidateRecord(value: unknown): TransferRecord | undefined {
  if (!isObject(value)) return undefined
  const r = value
  if (!idText(r.id) || typeof r.timestamp !== 'string' || !DATETIME.test(r.timestamp) || !eventTimeInRange(r.timestamp)) return undefined
  const amount = amountText(r.amount)
  if (amount === undefined) return undefined
  if (typeof r.currency !== 'string' || !CURRENCY.test(r.currency)) return undefined
  if (r.channel !== undefined && !(typeof r.channel === 'string' && CHANNEL_SET.has(r.channel))) return undefined
  if (!validParty(r.sender) || !validParty(r.receiver)) return undefined
  if (!validUltimate(r.ultimateSender) || !validUltimate(r.ultimateReceiver)) return undefined
  if (!optText(r.reference, 1024) || !optText(r.purpose, 256)) return undefined
  const loc = r.location
  if (loc !== undefined && !(isObject(loc) && optMatch(loc.country, COUNTRY) && optText(loc.city, 128) && optText(loc.branch, 128))) {
    return undefined
  }
  const dev = r.device
  if (dev !== undefined && !(isObject(dev) && optText(dev.id, 256) && optText(dev.ip, 64))) return undefined
  r.amount = amount
  return r as TransferRecord
}
