import type { InputFormatSpec } from './input-format.ts'
import { isoParser, sniffMessage, XML_EXTENSIONS, XML_MEDIA_TYPES } from './iso20022/iso-format.ts'
import type { TransferLayout } from './iso20022/map-transfer.ts'
import type { MessageKind } from './iso20022/message-reader.ts'

/** ISO 20022 customer credit transfer initiation, versions 001.03 to 001.12 */
export const PAIN001: MessageKind = {
  message: 'pain.001',
  root: 'CstmrCdtTrfInitn',
  versions: ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
  group: 'PmtInf',
  format: 'pain001',
}

const LAYOUT: TransferLayout = {
  amount: 'Amt/InstdAmt',
  debtorIn: 'group',
  dates: [
    { in: 'group', path: 'ReqdExctnDt/DtTm' },
    { in: 'group', path: 'ReqdExctnDt/Dt' },
    { in: 'group', path: 'ReqdExctnDt' },
  ],
}

/** pain.001 XML: one record per `CdtTrfTxInf`, its debtor side from the enclosing `PmtInf` (docs/interop.md). */
export const pain001 = {
  name: 'pain001',
  title: 'ISO 20022 pain.001',
  mediaTypes: [...XML_MEDIA_TYPES],
  extensions: [...XML_EXTENSIONS],
  sniff: (_firstLine, head) => sniffMessage(PAIN001, head),
  parser: () => isoParser(PAIN001, LAYOUT),
  documented: {
    example:
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-01T10:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs><InitgPty><Nm>Ann Lee</Nm></InitgPty></GrpHdr><PmtInf><PmtInfId>P1</PmtInfId><PmtMtd>TRF</PmtMtd><ReqdExctnDt><Dt>2026-03-01</Dt></ReqdExctnDt><Dbtr><Nm>Ann Lee</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct><DbtrAgt><FinInstnId><BICFI>COBADEFF</BICFI></FinInstnId></DbtrAgt><CdtTrfTxInf><PmtId><EndToEndId>E1</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">950.00</InstdAmt></Amt><Cdtr><Nm>Bo Roy</Nm></Cdtr><CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></CdtrAcct></CdtTrfTxInf></PmtInf></CstmrCdtTrfInitn></Document>',
  },
} as const satisfies InputFormatSpec
