import { PartySchema, TransferRecordSchema, type TransferRecord } from '../core/index.ts'
import { fastValidateRecord } from '../core/record/fast-validate.ts'
import { inexactAmount } from '../core/record/json-amount.ts'
import { TEXT_HAZARD_MESSAGE, textHazardPath } from '../core/record/text-hazards.ts'
import { parseJsonText, parseWith } from './body.ts'
import { badRequest } from './problem.ts'

// the schema's own field lists, in its order, so a record checked by the fast path comes out as zod returns it
const shape = TransferRecordSchema.shape
const TOP = Object.keys(shape)
const PARTY = Object.keys(PartySchema.shape)
const LOCATION = Object.keys(shape.location.unwrap().shape)
const DEVICE = Object.keys(shape.device.unwrap().shape)

/**
 * `from` with only the fields of `keys`, in that order. A body that already is so (no other field, none out of
 * order: what a client serialising the documented record sends) is returned as it is, with no copy.
 */
function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  if (inOrder(from, keys)) return from
  const out: Record<string, unknown> = {}
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k]
  return out
}

/** whether every enumerable field of `from` is one of `keys`, in their order, and none is undefined */
function inOrder(from: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0
  for (const k in from) {
    while (i < keys.length && keys[i] !== k) i++
    if (i === keys.length || from[k] === undefined) return false
    i++
  }
  return true
}

/**
 * A transfer record from a parsed request body: the core's hand-written check for the common valid record
 * (much cheaper than zod), with unknown fields dropped and fields in schema order, exactly what
 * the schema returns (a stored record must not carry what a client added); anything else goes to the
 * schema, which answers 400 with every invalid field.
 */
export function transferFromBody(value: unknown, source?: string): TransferRecord {
  return checked(validBody(value, source).record)
}

/**
 * A transfer record from a body's text, with the JSON to store for it (entity events, the kept history, the
 * shadow): the body itself when it holds exactly the record (every field known, none copied, the amount as the
 * decimal text the record keeps), else the record made into JSON. The body then needs no second
 * `JSON.stringify` (about 4 µs a call on this machine, BENCHMARKS.md session srv30). Its spacing, key order or
 * escapes may differ from `JSON.stringify(record)`; what it says is the record: every value is text (the one
 * number a record may carry, the amount, is then text too), and a key given twice means its last value to
 * `JSON.parse` and to PostgreSQL's jsonb alike.
 */
export function transferFromBodyText(text: string): { record: TransferRecord; json: string } {
  const { record, asSent } = validBody(parseJsonText(text), text)
  checked(record)
  return { record, json: asSent ? text : JSON.stringify(record) }
}

function checked(record: TransferRecord): TransferRecord {
  const hazard = textHazardPath(record as unknown as Record<string, unknown>)
  if (hazard !== undefined) throw badRequest(`The body is invalid: ${hazard}: ${TEXT_HAZARD_MESSAGE}`, { issues: [{ path: hazard, message: TEXT_HAZARD_MESSAGE }] })
  return record
}

/** the record, and whether the parsed body is that record as it is (no field dropped or copied, the amount unchanged) */
function validBody(value: unknown, source: string | undefined): { record: TransferRecord; asSent: boolean } {
  if (source !== undefined && typeof value === 'object' && value !== null) {
    // JSON.parse has already rounded a number amount; its source text tells whether it was exact
    const inexact = inexactAmount(value as Record<string, unknown>, source)
    if (inexact !== undefined) throw badRequest(`The body is invalid: amount: ${inexact}`, { issues: [{ path: 'amount', message: inexact }] })
  }
  // the amount as sent: the fast path sets it to its decimal text
  const amount = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).amount : undefined
  const fast = fastValidateRecord(value) as unknown as Record<string, unknown> | undefined
  if (fast === undefined) return { record: parseWith(TransferRecordSchema, value, 'body'), asSent: false }
  const out = pick(fast, TOP)
  let asSent = out === fast && amount === fast.amount
  const parties = PARTIES
  for (let i = 0; i < parties.length; i++) {
    const name = parties[i]!
    const given = fast[name]
    if (given === undefined) continue
    const kept = pick(given as Record<string, unknown>, name === 'location' ? LOCATION : name === 'device' ? DEVICE : PARTY)
    out[name] = kept
    if (kept !== given) asSent = false
  }
  return { record: out as unknown as TransferRecord, asSent }
}

// the record's nested objects, each picked to its schema's fields
const PARTIES = ['sender', 'receiver', 'ultimateSender', 'ultimateReceiver', 'location', 'device'] as const
