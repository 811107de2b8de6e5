import type { InputFormatSpec } from './input-format.ts'
import { isoParser, sniffMessage, XML_EXTENSIONS, XML_MEDIA_TYPES } from './iso20022/iso-format.ts'
import type { TransferLayout } from './iso20022/map-transfer.ts'
import type { MessageKind } from './iso20022/message-reader.ts'

/** ISO 20022 FI to FI customer credit transfer, versions 001.08 to 001.12 */
export const PACS008: MessageKind = { message: 'pacs.008', root: 'FIToFICstmrCdtTrf', versions: ['08', '09', '10', '11', '12'], format: 'pacs008' }

export const PACS008_LAYOUT: TransferLayout = {
  amount: 'IntrBkSttlmAmt',
  txId: 'PmtId/TxId',
  debtorIn: 'tx',
  dates: [{ in: 'tx', path: 'IntrBkSttlmDt' }, { in: 'header', path: 'IntrBkSttlmDt' }],
}

/** pacs.008 XML: one record per `CdtTrfTxInf` (docs/interop.md has the mapping). */
export const pacs008 = {
  name: 'pacs008',
  title: 'ISO 20022 pacs.008',
  mediaTypes: [...XML_MEDIA_TYPES],
  extensions: [...XML_EXTENSIONS],
  sniff: (_firstLine, head) => sniffMessage(PACS008, head),
  parser: () => isoParser(PACS008, PACS008_LAYOUT),
  documented: {
    example:
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-01T10:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf><PmtId><EndToEndId>E1</EndToEndId><TxId>T1</TxId></PmtId><IntrBkSttlmAmt Ccy="EUR">950.00</IntrBkSttlmAmt><ChrgBr>SHAR</ChrgBr><Dbtr><Nm>Ann Lee</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct><DbtrAgt><FinInstnId><BICFI>COBADEFF</BICFI></FinInstnId></DbtrAgt><CdtrAgt><FinInstnId><BICFI>BNPAFRPP</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>Bo Roy</Nm></Cdtr><CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></CdtrAcct></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>',
  },
} as const satisfies InputFormatSpec
