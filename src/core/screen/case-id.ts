const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK = (1n << 64n) - 1n

/**
 * A case's id: `c_` and 16 hex digits of FNV-1a 64 over the scope (the service's batch id, empty for the CLI),
 * the entity and the case's first alerting transfer. The same input screened again gives the same ids, and
 * they are safe in a URL and as a file name.
 */
export function caseId(scope: string, entity: string, firstTransfer: string): string {
  let h = FNV_OFFSET
  for (const byte of new TextEncoder().encode(`${scope}\u0000${entity}\u0000${firstTransfer}`)) {
    h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK
  }
  return `c_${h.toString(16).padStart(16, '0')}`
}
