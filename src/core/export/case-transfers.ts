import type { TransferRecord } from '../record/schema.ts'
import type { Case } from '../screen/case-schema.ts'

/** One transfer of a case's evidence: the case, whether it alerted, and the record's main fields when it is at hand. */
export interface CaseTransfer {
  case: string
  entity: string
  transfer: string
  alerting: boolean
  timestamp?: string
  amount?: string
  currency?: string
  channel?: string
  sender?: string
  senderName?: string
  senderInstitution?: string
  receiver?: string
  receiverName?: string
  receiverInstitution?: string
  reference?: string
}

/** every evidence transfer of every case, a row each, in the cases' order and each case's evidence order */
export function caseTransfers(cases: readonly Case[], records: ReadonlyMap<string, TransferRecord>): CaseTransfer[] {
  const rows: CaseTransfer[] = []
  for (const c of cases) {
    const alerting = new Set(c.transfers)
    for (const id of c.evidence) {
      const r = records.get(id)
      rows.push({
        case: c.id, entity: c.entity, transfer: id, alerting: alerting.has(id),
        ...(r && {
          timestamp: r.timestamp, amount: r.amount, currency: r.currency, channel: r.channel,
          sender: r.sender.id, senderName: r.sender.name, senderInstitution: r.sender.institution,
          receiver: r.receiver.id, receiverName: r.receiver.name, receiverInstitution: r.receiver.institution,
          reference: r.reference,
        }),
      })
    }
  }
  return rows
}
