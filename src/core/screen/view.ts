import type { Party, TransferRecord, UltimateParty } from '../record/schema.ts'
import { transferClasses } from '../rules/transfer-class.ts'

export type Direction = 'out' | 'in'

/** What every rule sees of the current transfer, computed once per record. */
export interface TransferContext {
  record: TransferRecord
  ts: number
  /** amount in base-currency minor units */
  amountMinor: number
  /** normalised words of reference and purpose, built on first use */
  words?: string[]
}

/**
 * The transfer as seen from one party: `party` is whose state a rule keeps,
 * `counterparty` the other side, `direction` whether money leaves or reaches `party`.
 */
export interface TransferView {
  ctx: TransferContext
  party: Party
  counterparty: Party
  direction: Direction
  /** on whose behalf `party` pays or is paid, when the record names one (ISO 20022's ultimate debtor or creditor) */
  ultimate: UltimateParty | undefined
  /** the transfer's class from this side (direction, channel, the parties' types): an index into rules' guards */
  guardClass: number
}

export function viewsOf(ctx: TransferContext): { out: TransferView; in: TransferView } {
  const { sender, receiver, ultimateSender, ultimateReceiver } = ctx.record
  const classes = transferClasses(ctx.record)
  return {
    out: { ctx, party: sender, counterparty: receiver, direction: 'out', ultimate: ultimateSender, guardClass: classes.out },
    in: { ctx, party: receiver, counterparty: sender, direction: 'in', ultimate: ultimateReceiver, guardClass: classes.in },
  }
}
