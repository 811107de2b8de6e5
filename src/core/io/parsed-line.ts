import type { LineError } from '../errors.ts'
import { fastValidateRecord } from '../record/fast-validate.ts'
import { TransferRecordSchema, type TransferRecord } from '../record/schema.ts'
import { TEXT_HAZARD_MESSAGE, textHazardPath, withoutTextHazards } from '../record/text-hazards.ts'

/** An input record after decoding and validation: the record, or the error line that stands for it. */
export type ParsedLine = { ok: true; line: number; record: TransferRecord } | { ok: false; error: LineError }

const MAX_ISSUES_IN_MESSAGE = 4

/**
 * Validates a decoded object against the record schema; the first failing field gives the path.
 * `mayHoldHazard` false: its source text showed that no string in it can hold a NUL or an unpaired surrogate.
 */
export function validateRecord(value: unknown, line: number, mayHoldHazard = true): ParsedLine {
  const fast = fastValidateRecord(value)
  if (fast !== undefined) return mayHoldHazard ? withoutHazard(fast, line) : { ok: true, line, record: fast }
  const result = TransferRecordSchema.safeParse(value)
  if (result.success) return withoutHazard(result.data, line)
  const issues = result.error.issues
  const first = issues[0]!
  const path = first.path.join('.')
  const message = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ')
  const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined
  return lineError(line, 'invalid_record', message, id, path)
}

/** the record, or its error line when a field holds text no store can keep */
function withoutHazard(record: TransferRecord, line: number): ParsedLine {
  const path = textHazardPath(record)
  if (path === undefined) return { ok: true, line, record }
  return lineError(line, 'invalid_record', `${path}: ${TEXT_HAZARD_MESSAGE}`, record.id, path)
}

/** An error line; its id and message (which may quote the input) are made safe to store. */
export function lineError(line: number, code: LineError['error']['code'], message: string, id?: string, path?: string): ParsedLine {
  const safeId = id === undefined ? undefined : withoutTextHazards(id)
  return { ok: false, error: { line, ...(safeId !== undefined && { id: safeId }), error: { code, message: withoutTextHazards(message), ...(path !== undefined && { path }) } } }
}
