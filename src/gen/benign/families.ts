import { bigFamily } from './big-family.ts'
import { busyMerchant } from './busy-merchant.ts'
import { cashTakings } from './cash-takings.ts'
import type { BenignFamily } from './family.ts'
import { familyRemittance } from './family-remittance.ts'
import { importAdvance } from './import-advance.ts'
import { innocentMemo } from './innocent-memo.ts'
import { landlordTenants } from './landlord-tenants.ts'
import { largeSavingsClub } from './large-savings-club.ts'
import { moneyTransferShop } from './money-transfer-shop.ts'
import { nameNearMiss } from './name-near-miss.ts'
import { newAccount } from './new-account.ts'
import { phoneNearMiss } from './phone-near-miss.ts'
import { relativeCash } from './relative-cash.ts'
import { ordinaryRoundTrip } from './round-trip.ts'
import { savingsClub } from './savings-club.ts'
import { stablecoinTrade } from './stablecoin-trade.ts'
import { wageBatch } from './wage-batch.ts'
import { wakingAccount } from './waking-account.ts'

/** every hard-negative family, in a fixed order (each draws from its own random stream) */
export const BENIGN_FAMILIES: readonly BenignFamily[] = [
  familyRemittance, busyMerchant, cashTakings, savingsClub, stablecoinTrade, wageBatch, importAdvance,
  moneyTransferShop, ordinaryRoundTrip, wakingAccount, newAccount, relativeCash, innocentMemo, nameNearMiss,
  phoneNearMiss, largeSavingsClub, landlordTenants, bigFamily,
]

export const BENIGN_FAMILY_NAMES: readonly string[] = BENIGN_FAMILIES.map((f) => f.name)

/** `all`, `none` or a comma-separated list of family names, as `--benign-families` takes it */
export function selectFamilies(spec: string): BenignFamily[] {
  const text = spec.trim()
  if (text === 'all') return [...BENIGN_FAMILIES]
  if (text === 'none' || text === '') return []
  const names = text.split(',').map((n) => n.trim()).filter((n) => n !== '')
  const unknown = names.filter((n) => !BENIGN_FAMILY_NAMES.includes(n))
  if (unknown.length > 0) throw new Error(`unknown benign famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; known: ${BENIGN_FAMILY_NAMES.join(', ')}`)
  return BENIGN_FAMILIES.filter((f) => names.includes(f.name))
}
