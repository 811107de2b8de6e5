import { CHANNELS, PARTY_TYPES, type Party, type TransferRecord } from '../record/schema.ts'
import type { Direction, TransferView } from '../screen/view.ts'

/**
 * A transfer's class from one side: the direction, the channel (or none), the party's type and the
 * counterparty's (or none). These fields are enumerable, so whatever a rule's conditions say about them alone is
 * decided once per class (guard.ts, class-conditions.ts) instead of once per transfer.
 */
const CHANNEL_VALUES: readonly (string | undefined)[] = [...CHANNELS, undefined]
const TYPE_VALUES: readonly (string | undefined)[] = [...PARTY_TYPES, undefined]
const CHANNEL_INDEX = new Map(CHANNELS.map((c, i) => [c as string, i]))
const TYPE_INDEX = new Map(PARTY_TYPES.map((t, i) => [t as string, i]))
const TYPES = TYPE_VALUES.length
const DIRECTIONS: readonly Direction[] = ['out', 'in']

/** how many classes there are: the length of a table by class */
export const CLASS_COUNT = DIRECTIONS.length * CHANNEL_VALUES.length * TYPES * TYPES

/** the classes of a transfer seen from the sender's side and from the receiver's */
export function transferClasses(record: TransferRecord): { out: number; in: number } {
  const channel = record.channel
  const c = channel === undefined ? CHANNELS.length : (CHANNEL_INDEX.get(channel) ?? CHANNELS.length)
  const s = typeIndex(record.sender.type)
  const r = typeIndex(record.receiver.type)
  return { out: (c * TYPES + s) * TYPES + r, in: ((CHANNEL_VALUES.length + c) * TYPES + r) * TYPES + s }
}

function typeIndex(type: string | undefined): number {
  return type === undefined ? PARTY_TYPES.length : (TYPE_INDEX.get(type) ?? PARTY_TYPES.length)
}

/** a transfer of class `guardClass`: the class's fields set, nothing else (to decide conditions on them) */
export function classView(guardClass: number): TransferView {
  const counterpartyType = TYPE_VALUES[guardClass % TYPES]
  const partyType = TYPE_VALUES[Math.floor(guardClass / TYPES) % TYPES]
  const channel = CHANNEL_VALUES[Math.floor(guardClass / (TYPES * TYPES)) % CHANNEL_VALUES.length]
  const direction = DIRECTIONS[Math.floor(guardClass / (TYPES * TYPES * CHANNEL_VALUES.length))]!
  const party = { id: '', type: partyType } as Party
  const counterparty = { id: '', type: counterpartyType } as Party
  const record = { channel, sender: direction === 'out' ? party : counterparty, receiver: direction === 'out' ? counterparty : party } as TransferRecord
  return { ctx: { record, ts: 0, amountMinor: 0 }, party, counterparty, direction, ultimate: undefined, guardClass }
}
