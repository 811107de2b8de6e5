import { PARTY_FIELDS, type Party } from '../record/schema.ts'
import type { TransferView } from '../screen/view.ts'
import { contextWords, lastWord } from './keywords.ts'

export type FieldKind = 'money' | 'number' | 'text'
export interface FieldGetter {
  kind: FieldKind
  get(view: TransferView): unknown
  /** the schema guarantees this case (enums are lower case, ISO codes upper case), so lists compare as written */
  case?: 'lower' | 'upper'
}

const DAY_MS = 86_400_000
const PARTY_FIELD_SET: ReadonlySet<string> = new Set(PARTY_FIELDS)
const PARTY_ROLES = ['sender', 'receiver', 'party', 'counterparty'] as const
type PartyRole = (typeof PARTY_ROLES)[number]

export const FIELD_HELP =
  'id, amount, currency, channel, reference, purpose, text, direction, hour, location.country|city|branch, device.id|ip, ' +
  `and sender., receiver., party., counterparty. with ${PARTY_FIELDS.join(', ')}, account_age_days, surname`

const partyOf = (role: PartyRole): ((v: TransferView) => Party) => {
  switch (role) {
    case 'party':
      return (v) => v.party
    case 'counterparty':
      return (v) => v.counterparty
    case 'sender':
      return (v) => v.ctx.record.sender
    case 'receiver':
      return (v) => v.ctx.record.receiver
  }
}

/** A field path to a getter, or undefined when no such field exists. */
export function compileField(path: string): FieldGetter | undefined {
  const parts = path.split('.')
  const [root, leaf, ...rest] = parts
  if (rest.length > 0 || root === undefined) return undefined
  if (leaf === undefined) return recordField(root)
  if ((PARTY_ROLES as readonly string[]).includes(root)) return partyField(partyOf(root as PartyRole), leaf)
  if (root === 'location' && ['country', 'city', 'branch'].includes(leaf)) {
    return { kind: 'text', ...(leaf === 'country' && { case: 'upper' as const }), get: (v) => v.ctx.record.location?.[leaf as 'country'] }
  }
  if (root === 'device' && (leaf === 'id' || leaf === 'ip')) return { kind: 'text', get: (v) => v.ctx.record.device?.[leaf] }
  return undefined
}

function recordField(name: string): FieldGetter | undefined {
  switch (name) {
    case 'currency':
      return { kind: 'text', case: 'upper', get: (v) => v.ctx.record.currency }
    case 'channel':
      return { kind: 'text', case: 'lower', get: (v) => v.ctx.record.channel }
    case 'id':
    case 'reference':
    case 'purpose':
      return { kind: 'text', get: (v) => v.ctx.record[name] }
    case 'amount':
      return { kind: 'money', get: (v) => v.ctx.amountMinor }
    case 'text':
      // reference and purpose as normalised words, for keyword lexicons
      return { kind: 'text', get: (v) => contextWords(v.ctx) }
    case 'direction':
      return { kind: 'text', case: 'lower', get: (v) => v.direction }
    case 'hour':
      return { kind: 'number', get: (v) => new Date(v.ctx.ts).getUTCHours() }
    default:
      return undefined
  }
}

function partyField(party: (v: TransferView) => Party, leaf: string): FieldGetter | undefined {
  if (leaf === 'account_age_days') {
    return {
      kind: 'number',
      get: (v) => {
        const opened = party(v).accountOpened
        if (opened === undefined) return undefined
        return (v.ctx.ts - Date.parse(opened)) / DAY_MS
      },
    }
  }
  if (leaf === 'surname') {
    // the last word of a person's name: R02 counts senders "whose surnames differ"; businesses have none
    return {
      kind: 'text',
      get: (v) => {
        const p = party(v)
        if (p.type !== undefined && p.type !== 'person') return undefined
        return p.name ? lastWord(p.name) : undefined
      },
    }
  }
  if (!PARTY_FIELD_SET.has(leaf)) return undefined
  const key = leaf as keyof Party
  const fixedCase = leaf === 'type' ? 'lower' : leaf === 'country' || leaf === 'nationality' ? 'upper' : undefined
  return { kind: 'text', ...(fixedCase && { case: fixedCase }), get: (v) => party(v)[key] }
}
