/**
 * A stable content hash for ruleset versions (FNV-1a, two 32-bit lanes), synchronous and
 * runtime-agnostic so compilation needs neither WebCrypto's promises nor node:crypto.
 */
export function contentHash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c ^ (a >>> 13), 0x5bd1e995)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
