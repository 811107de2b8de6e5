import { csvExport } from './csv-export.ts'

/** Cases' transfers as CSV: a row per evidence transfer of each case; the fields of a record not at hand are empty. */
export const csvCaseTransfers = csvExport('transfers', {
  case: true, entity: true, transfer: true, alerting: true, timestamp: true, amount: true, currency: true, channel: true,
  sender: true, senderName: true, senderInstitution: true, receiver: true, receiverName: true, receiverInstitution: true, reference: true,
})
