import type { Party } from '../core/record/schema.ts'
import type { BirthDates } from './birth-dates.ts'
import { DIAL_PREFIX } from './geography.ts'
import { OpaqueIds, hex8 } from './ids.ts'
import type { Rng } from './prng.ts'

/** first counter of the range kept for parties made on demand */
const RESERVED = 0x8000_0000

const BANK_STEMS = ['HARB', 'NRTH', 'UNIB', 'MERC', 'FRST', 'CITX'] as const
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const MAIL_DOMAINS = ['mail.example', 'post.example', 'inbox.example', 'example.net', 'example.org']

export interface PartySpec {
  name: string
  type: 'person' | 'business' | 'msb'
  country: string
  city: string
  /** bank number 0-5 within the country; wallets ignore it */
  bank?: number
  phone?: string
  email?: string
  handle?: string
  accountOpened?: string
  nationality?: string
  wallet?: boolean
}

/** Makes parties with opaque ids and account numbers; one factory serves the population and planted instances. */
export class PartyFactory {
  private readonly ids: OpaqueIds
  private readonly accounts: OpaqueIds

  /** `birthDates`: dates of birth for people (not wallets); absent: none */
  constructor(seed: number, private readonly birthDates?: BirthDates) {
    this.ids = new OpaqueIds(seed, 1)
    this.accounts = new OpaqueIds(seed, 2)
  }

  make(spec: PartySpec): Party {
    return this.build(this.ids.take(), this.accounts.take(), spec)
  }

  /**
   * The party at a fixed index of a reserved counter range (2^31 and up, which `make` never reaches): the same
   * index gives the same id and account, so a pool of parties can be made on demand instead of kept.
   */
  atIndex(index: number, spec: PartySpec): Party {
    return this.build(this.ids.at(RESERVED + index), this.accounts.at(RESERVED + index), spec)
  }

  private build(idValue: number, n: number, spec: PartySpec): Party {
    const party: Party = { id: `c${hex8(idValue)}`, name: spec.name, type: spec.type }
    if (spec.wallet) {
      party.account = tronAddress(n)
      party.institution = 'TRON'
    } else {
      party.account = `${spec.country}${String(10 + (n % 90))}${String(n).padStart(10, '0')}`
      party.institution = institution(spec.country, spec.bank ?? n % 4)
    }
    party.country = spec.country
    party.city = spec.city
    if (spec.phone) party.phone = spec.phone
    if (spec.email) party.email = spec.email
    if (spec.handle) party.handle = spec.handle
    if (spec.accountOpened) party.accountOpened = spec.accountOpened
    if (spec.nationality) party.nationality = spec.nationality
    const born = spec.type === 'person' && !spec.wallet ? this.birthDates?.of(idValue) : undefined
    if (born) party.dateOfBirth = born
    return party
  }

  /** a full date of birth for a person this factory made, whether or not it carries one; undefined without dates */
  fullBirthDate(party: Party): string | undefined {
    return this.birthDates?.always(Number.parseInt(party.id.slice(1), 16))
  }

  /** a second account of the same holder (savings): same party id, different account number */
  secondAccount(of: Party): Party {
    const n = this.accounts.take()
    return { ...of, account: `${of.country ?? 'XX'}${String(10 + (n % 90))}${String(n).padStart(10, '0')}` }
  }
}

export function institution(country: string, bank: number): string {
  return `${BANK_STEMS[bank % BANK_STEMS.length]}${country}22`
}

export function branchCode(institutionCode: string, city: string, n: number): string {
  const place = city.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()
  return `${institutionCode.slice(0, 4)}-${place}-${String(n).padStart(2, '0')}`
}

/** a phone number in E.164 form for a country */
export function phoneNumber(rng: Rng, country: string): string {
  const prefix = DIAL_PREFIX[country] ?? '44'
  let digits = String(rng.int(2, 9))
  const len = prefix.length >= 3 ? 8 : 9
  while (digits.length < len) digits += String(rng.int(0, 9))
  return `+${prefix}${digits}`
}

export function emailAddress(rng: Rng, given: string, family: string): string {
  const local = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '')
  return `${local}${rng.int(1, 999)}@${rng.pick(MAIL_DOMAINS)}`
}

/** a wallet address drawn from a random stream (for values that must look like the real ones) */
export function walletAddress(rng: Rng): string {
  return tronAddress(rng.u32())
}

function tronAddress(n: number): string {
  // deterministic from the counter value; the shape of a TRON address (T + 33 base58 characters)
  let x = n >>> 0
  let s = 'T'
  for (let i = 0; i < 33; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x297a2d39 + i) >>> 0
    s += BASE58[x % BASE58.length]
  }
  return s
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
