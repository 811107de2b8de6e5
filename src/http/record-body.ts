import { PartySchema, TransferRecordSchema, type TransferRecord } from '../core/index.ts'
import { fastValidateRecord } from '../core/record/fast-validate.ts'
import { inexactAmount } from '../core/record/json-amount.ts'
import { TEXT_HAZARD_MESSAGE, textHazardPath } from '../core/record/text-hazards.ts'
import { parseWith } from './body.ts'
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
  const record = validBody(value, source)
  const hazard = textHazardPath(record as unknown as Record<string, unknown>)
  if (hazard !== undefined) throw badRequest(`The body is invalid: ${hazard}: ${TEXT_HAZARD_MESSAGE}`, { issues: [{ path: hazard, message: TEXT_HAZARD_MESSAGE }] })
  return record
}

function validBody(value: unknown, source: string | undefined): TransferRecord {
  if (source !== undefined && typeof value === 'object' && value !== null) {
    // JSON.parse has already rounded a number amount; its source text tells whether it was exact
    const inexact = inexactAmount(value as Record<string, unknown>, source)
    if (inexact !== undefined) throw badRequest(`The body is invalid: amount: ${inexact}`, { issues: [{ path: 'amount', message: inexact }] })
  }
  const fast = fastValidateRecord(value) as unknown as Record<string, unknown> | undefined
  if (fast === undefined) return parseWith(TransferRecordSchema, value, 'body')
  const out = pick(fast, TOP)
  out.sender = pick(fast.sender as Record<string, unknown>, PARTY)
  out.receiver = pick(fast.receiver as Record<string, unknown>, PARTY)
  if (fast.ultimateSender !== undefined) out.ultimateSender = pick(fast.ultimateSender as Record<string, unknown>, PARTY)
  if (fast.ultimateReceiver !== undefined) out.ultimateReceiver = pick(fast.ultimateReceiver as Record<string, unknown>, PARTY)
  if (fast.location !== undefined) out.location = pick(fast.location as Record<string, unknown>, LOCATION)
  if (fast.device !== undefined) out.device = pick(fast.device as Record<string, unknown>, DEVICE)
  return out as unknown as TransferRecord
}
