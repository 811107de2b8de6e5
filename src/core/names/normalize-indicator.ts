import { normaliseName } from './normalize-name.ts'
import type { Indicator } from './types.ts'

const ETH_ADDRESS = /^0x[0-9a-f]{40}$/i

/** The form an indicator is compared in; equal forms are the same indicator. Empty means unusable. */
export function normaliseIndicator(type: Indicator['type'], raw: string): string {
  const value = raw.normalize('NFKC').trim()
  switch (type) {
    case 'phone':
      return phoneDigits(value)
    case 'email':
      return value.toLowerCase()
    case 'handle':
      return value.replace(/^@+/, '').toLowerCase()
    case 'wallet':
      // hex (Ethereum-style) addresses are case-insensitive; base58 and bech32 ones are kept as written
      return ETH_ADDRESS.test(value) ? value.toLowerCase() : value
    case 'account':
      // IBANs and account numbers are written with spaces, dashes or dots for reading
      return value.replace(/[\s.\-]/g, '').toUpperCase()
    case 'name':
      return normaliseName(value)
        .tokens.map((t) => t.text)
        .sort()
        .join(' ')
  }
}

/** E.164 digits: separators gone, and the international prefix (+ or 00) dropped. */
export function phoneDigits(raw: string): string {
  const digits = raw.replace(/\D/g, '')
  return digits.startsWith('00') ? digits.slice(2) : digits
}
