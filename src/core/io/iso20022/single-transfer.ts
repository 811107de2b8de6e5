import type { LineError } from '../../errors.ts'
import type { TransferRecord } from '../../record/schema.ts'
import { PACS008, PACS008_LAYOUT } from '../pacs008.ts'
import { mapTransfer } from './map-transfer.ts'
import { IsoMessageReader, type IsoTransaction } from './message-reader.ts'
import { textAt } from './xml-tree.ts'

/** What a status report quotes of the transfer it answers. */
export interface OriginalRefs {
  messageId: string | undefined
  /** e.g. `pacs.008.001.08`, from the namespace; `pacs.008` without one */
  messageName: string
  instructionId: string | undefined
  endToEndId: string | undefined
  txId: string | undefined
  uetr: string | undefined
}

export type SingleTransfer = { ok: true; record: TransferRecord; refs: OriginalRefs } | { ok: false; error: LineError }

/** A pacs.008 of exactly one transaction (a real-time call's body) to its record and what a pacs.002 quotes of it. */
export function readSinglePacs008(text: string): SingleTransfer {
  const reader = new IsoMessageReader(PACS008)
  const items = [...reader.push(text), ...reader.end()]
  const firstError = items.find((i) => !i.ok)
  if (firstError && !firstError.ok) return firstError
  if (items.length !== 1) {
    return { ok: false, error: { line: 1, error: { code: 'invalid_record', message: `expected one CdtTrfTxInf, found ${items.length}`, path: '/Document/FIToFICstmrCdtTrf/CdtTrfTxInf' } } }
  }
  const t = (items[0] as { transaction: IsoTransaction }).transaction
  const parsed = mapTransfer(t, PACS008_LAYOUT)
  if (!parsed.ok) return parsed
  const ns = reader.namespace
  return {
    ok: true,
    record: parsed.record,
    refs: {
      messageId: textAt(t.header, 'MsgId'),
      messageName: ns ? ns.slice(ns.lastIndexOf(':') + 1) : PACS008.message,
      instructionId: textAt(t.tx, 'PmtId/InstrId'),
      endToEndId: textAt(t.tx, 'PmtId/EndToEndId'),
      txId: textAt(t.tx, 'PmtId/TxId'),
      uetr: textAt(t.tx, 'PmtId/UETR'),
    },
  }
}
