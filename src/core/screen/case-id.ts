const ENCODER = new TextEncoder()

/**
 * A case's id: `c_` and 16 hex digits of FNV-1a 64 over the scope (the service's batch id, empty for the CLI),
 * the entity and the case's first alerting transfer. The same input screened again gives the same ids, and
 * they are safe in a URL and as a file name.
 *
 * The 64-bit hash is kept as four 16-bit limbs (lowest first), so each byte costs a few integer multiplications
 * instead of BigInt arithmetic (which cost the real-time case roll-up more than its database work). The prime is
 * 2^40 + 0x1b3: limb 0 times 0x1b3, plus limb 2 shifted by 8 bits.
 */
export function caseId(scope: string, entity: string, firstTransfer: string): string {
  // the offset basis 0xcbf29ce484222325
  let h0 = 0x2325
  let h1 = 0x8422
  let h2 = 0x9ce4
  let h3 = 0xcbf2
  for (const byte of ENCODER.encode(`${scope}\u0000${entity}\u0000${firstTransfer}`)) {
    h0 ^= byte
    const t0 = h0 * 0x1b3
    const t1 = h1 * 0x1b3 + (t0 >>> 16)
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16)
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16)
    h0 = t0 & 0xffff
    h1 = t1 & 0xffff
    h2 = t2 & 0xffff
    h3 = t3 & 0xffff
  }
  return `c_${hex4(h3)}${hex4(h2)}${hex4(h1)}${hex4(h0)}`
}

function hex4(limb: number): string {
  return limb.toString(16).padStart(4, '0')
}
