import type { TransferRecord } from '../core/index.ts'
import { TransferIdReusedError } from './errors.ts'

/**
 * Whether a transfer sent again is the one stored under its id: the same fields and values, whatever their
 * order (the database keeps JSON with its keys reordered). Compared only when an id comes again, which is rare,
 * so the first call of a transfer pays nothing for it.
 */
export function sameRecord(sent: TransferRecord, stored: unknown): boolean {
  return equalJson(JSON.parse(JSON.stringify(sent)), typeof stored === 'string' ? JSON.parse(stored) : stored)
}

/** Throws the 409 of a reused id unless `stored` (when there is one) is the transfer sent. */
export function checkSameRecord(sent: TransferRecord, stored: unknown): void {
  if (stored !== undefined && !sameRecord(sent, stored)) throw new TransferIdReusedError(sent.id)
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(rb, k) && equalJson(ra[k], rb[k]))
}
