import { describe, expect, it } from 'vitest'
import { caseId } from '../../src/core/screen/case-id.ts'

/** FNV-1a 64 as first written, in BigInt: the ids stored so far were made by it */
function bigIntCaseId(scope: string, entity: string, firstTransfer: string): string {
  let h = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(`${scope}\u0000${entity}\u0000${firstTransfer}`)) {
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & ((1n << 64n) - 1n)
  }
  return `c_${h.toString(16).padStart(16, '0')}`
}

describe('caseId', () => {
  it('is FNV-1a 64 of scope, entity and first transfer, as the BigInt form gave for ids stored before', () => {
    expect(caseId('', '', '')).toBe(bigIntCaseId('', '', ''))
    expect(caseId('', 'id:A', 'a1')).toBe(bigIntCaseId('', 'id:A', 'a1'))
    // a deterministic spread of lengths and bytes, multi-byte UTF-8 included
    let seed = 7
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
    const alphabet = 'abcXYZ019:-_ çđ€😀\u0000'
    const text = () => Array.from({ length: next() % 40 }, () => [...alphabet][next() % [...alphabet].length]).join('')
    for (let i = 0; i < 2000; i++) {
      const [scope, entity, first] = [text(), text(), text()]
      expect(caseId(scope, entity, first)).toBe(bigIntCaseId(scope, entity, first))
    }
  })
})
