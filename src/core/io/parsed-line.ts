import type { LineError } from '../errors.ts'
import { fastValidateRecord } from '../record/fast-validate.ts'
import { TransferRecordSchema, type TransferRecord } from '../record/schema.ts'

/** An input record after decoding and validation: the record, or the error line that stands for it. */
export type ParsedLine = { ok: true; line: number; record: TransferRecord } | { ok: false; error: LineError }

const MAX_ISSUES_IN_MESSAGE = 4

/** Validates a decoded object against the record schema; the first failing field gives the path. */
export function validateRecord(value: unknown, line: number): ParsedLine {
  const fast = fastValidateRecord(value)
  if (fast !== undefined) return { ok: true, line, record: fast }
  const result = TransferRecordSchema.safeParse(value)
  if (result.success) return { ok: true, line, record: result.data }
  const issues = result.error.issues
  const first = issues[0]!
  const path = first.path.join('.')
  const message = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ')
  const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined
  return { ok: false, error: { line, ...(id !== undefined && { id }), error: { code: 'invalid_record', message, path } } }
}

export function lineError(line: number, code: LineError['error']['code'], message: string, id?: string, path?: string): ParsedLine {
  return { ok: false, error: { line, ...(id !== undefined && { id }), error: { code, message, ...(path !== undefined && { path }) } } }
}
