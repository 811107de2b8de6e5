import { describe, expect, it } from 'vitest'
import { sha256HexSync } from '../../src/store/crypto.ts'

describe('the SHA-256 an API key is stored and looked up under', () => {
  it('is the standard digest in lower-case hex, for ASCII and for other UTF-8 text', () => {
    // FIPS 180-2 test vectors, and one outside ASCII (hashed as its UTF-8 bytes)
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256HexSync('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c')
  })
})
