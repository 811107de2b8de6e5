import type { Party } from '../core/record/schema.ts'
import type { Minor } from './money.ts'

export type Currency = 'USD' | 'EUR' | 'GBP' | 'AUD' | 'CAD' | 'USDT'
export type Channel = 'wire' | 'ach' | 'card' | 'cash' | 'cheque' | 'money_transfer' | 'mobile_money' | 'crypto' | 'internal' | 'other'

/** A transfer before it has an id: what benign activities and planted typologies produce. */
export interface Draft {
  /** event time, ms since the epoch, whole seconds */
  ts: number
  amount: Minor
  currency: Currency
  channel: Channel
  sender: Party
  receiver: Party
  reference?: string
  purpose?: string
  location?: { country?: string; city?: string; branch?: string }
  device?: { id?: string; ip?: string }
}

/** the answer key of one transfer; absent for benign transfers */
export interface Label {
  instanceId: string
  typology: string
}

/** the family every benign transfer belongs to unless a hard-negative family made it: the plain background */
export const EVERYDAY = 'everyday'

export interface LabelledDraft extends Draft {
  label?: Label
  /** the hard-negative family of a benign transfer (labels.csv `family`); absent means EVERYDAY */
  family?: string
}

export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000
export const MINUTE_MS = 60_000
