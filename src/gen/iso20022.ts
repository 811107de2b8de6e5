import { BIC, IBAN, type Party, type TransferRecord, type UltimateParty } from '../core/record/schema.ts'
import { el, optEl as opt, xmlEscape as esc } from '../core/io/iso20022/xml-text.ts'

/**
 * Records written as ISO 20022 messages (pacs.008.001.08, pain.001.001.09) and the same records reduced to what
 * the input mapping carries (docs/interop.md), so a test or benchmark can screen both and compare. The messages are
 * streamed a transaction at a time; they follow the schemas' element order but are not schema-checked (a generated
 * phone number, say, is not in ISO's `+CC-NUMBER` form), which the reader does not ask either.
 */

export type IsoMessage = 'pacs008' | 'pain001'

const NS = { pacs008: 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08', pain001: 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09' }

export interface IsoWriteOptions {
  messageId: string
  /** the group header's CreDtTm; pain.001 without it is read with each PmtInf's requested execution time */
  createdAt?: string
}

/** A whole message, a transaction at a time: one `CdtTrfTxInf` (pain.001: one `PmtInf` with one) per record. */
export async function* isoDocument(message: IsoMessage, records: AsyncIterable<TransferRecord> | Iterable<TransferRecord>, opts: IsoWriteOptions): AsyncGenerator<string> {
  const root = message === 'pacs008' ? 'FIToFICstmrCdtTrf' : 'CstmrCdtTrfInitn'
  const created = opts.createdAt === undefined ? '' : el('CreDtTm', opts.createdAt)
  const header =
    message === 'pacs008'
      ? `<GrpHdr>${el('MsgId', opts.messageId)}${created}<NbOfTxs>0</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>`
      : `<GrpHdr>${el('MsgId', opts.messageId)}${created}<NbOfTxs>0</NbOfTxs><InitgPty><Nm>txscreen</Nm></InitgPty></GrpHdr>`
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${NS[message]}">\n<${root}>\n${header}\n`
  let n = 0
  for await (const r of records) yield `${message === 'pacs008' ? pacs008Transaction(r) : pain001PaymentInfo(r, ++n)}\n`
  yield `</${root}>\n</Document>\n`
}

function pacs008Transaction(r: TransferRecord): string {
  return (
    `<CdtTrfTxInf><PmtId><EndToEndId>NOTPROVIDED</EndToEndId>${el('TxId', r.id)}</PmtId>${paymentType(r)}` +
    `<IntrBkSttlmAmt Ccy="${esc(r.currency)}">${r.amount}</IntrBkSttlmAmt>${el('AccptncDtTm', r.timestamp)}<ChrgBr>SHAR</ChrgBr>` +
    `${ultimate('UltmtDbtr', r.ultimateSender)}${debtor(r.sender)}${creditor(r)}${remittance(r)}</CdtTrfTxInf>`
  )
}

function pain001PaymentInfo(r: TransferRecord, n: number): string {
  return (
    `<PmtInf>${el('PmtInfId', `P${n}`)}<PmtMtd>TRF</PmtMtd>${paymentType(r)}<ReqdExctnDt>${el('DtTm', r.timestamp)}</ReqdExctnDt>` +
    `${debtor(r.sender)}<CdtTrfTxInf><PmtId>${el('EndToEndId', r.id)}</PmtId><Amt><InstdAmt Ccy="${esc(r.currency)}">${r.amount}</InstdAmt></Amt>` +
    `${ultimate('UltmtDbtr', r.ultimateSender)}${creditor(r)}${remittance(r)}</CdtTrfTxInf></PmtInf>`
  )
}

const paymentType = (r: TransferRecord) => (r.channel === undefined ? '' : `<PmtTpInf><LclInstrm>${el('Prtry', r.channel.toUpperCase())}</LclInstrm></PmtTpInf>`)
const debtor = (p: Party) => `${party('Dbtr', p)}${account('DbtrAcct', p.account)}${agent('DbtrAgt', p.institution)}`
const creditor = (r: TransferRecord) => `${agent('CdtrAgt', r.receiver.institution)}${party('Cdtr', r.receiver)}${account('CdtrAcct', r.receiver.account)}${ultimate('UltmtCdtr', r.ultimateReceiver)}`
const ultimate = (tag: string, p: UltimateParty | undefined) => (p === undefined ? '' : party(tag, p))

function remittance(r: TransferRecord): string {
  const purpose = r.purpose === undefined ? '' : `<Purp>${el('Prtry', r.purpose)}</Purp>`
  return `${purpose}${r.reference === undefined ? '' : `<RmtInf>${el('Ustrd', r.reference)}</RmtInf>`}`
}

function party(tag: string, p: Party | UltimateParty): string {
  const address = p.city === undefined && p.country === undefined ? '' : `<PstlAdr>${opt('TwnNm', p.city)}${opt('Ctry', p.country)}</PstlAdr>`
  const contact = p.phone === undefined && p.email === undefined ? '' : `<CtctDtls>${opt('PhneNb', p.phone)}${opt('EmailAdr', p.email)}</CtctDtls>`
  return `<${tag}>${opt('Nm', p.name)}${address}${identification(p)}${contact}</${tag}>`
}

function identification(p: Party | UltimateParty): string {
  const other = p.id === undefined ? '' : `<Othr>${el('Id', p.id)}</Othr>`
  if (p.type === 'person') {
    const birth = p.dateOfBirth !== undefined && p.dateOfBirth.length === 10
      ? `<DtAndPlcOfBirth>${el('BirthDt', p.dateOfBirth)}<CityOfBirth>NOTPROVIDED</CityOfBirth>${el('CtryOfBirth', p.nationality ?? p.country ?? 'XX')}</DtAndPlcOfBirth>`
      : ''
    return `<Id><PrvtId>${birth}${other}</PrvtId></Id>`
  }
  if (p.type === 'business' || p.type === 'msb') return `<Id><OrgId>${opt('AnyBIC', p.bic)}${opt('LEI', p.lei)}${other}</OrgId></Id>`
  return ''
}

function account(tag: string, id: string | undefined): string {
  if (id === undefined) return ''
  return `<${tag}><Id>${IBAN.test(id) && id.length >= 15 ? el('IBAN', id) : `<Othr>${el('Id', id)}</Othr>`}</Id></${tag}>`
}

function agent(tag: string, institution: string | undefined): string {
  if (institution === undefined) return `<${tag}><FinInstnId/></${tag}>`
  return `<${tag}><FinInstnId>${BIC.test(institution) ? el('BICFI', institution) : `<Othr>${el('Id', institution)}</Othr>`}</FinInstnId></${tag}>`
}


/**
 * A record reduced to what the mapping carries, written from the mapping table rather than by reading the XML
 * back, so the round trip tests the reader: no location, device, handle, accountOpened or nationality; a party id
 * only for a typed party (else the account); msb read back as business; a year-only date of birth dropped.
 */
export function reduceToIsoFields(r: TransferRecord, message: IsoMessage, createdAt?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    timestamp: message === 'pain001' && createdAt !== undefined ? createdAt : r.timestamp,
    amount: r.amount,
    currency: r.currency,
    channel: r.channel ?? 'wire',
    sender: reduceParty(r.sender),
    receiver: reduceParty(r.receiver),
  }
  if (r.ultimateSender) out.ultimateSender = reduceParty(r.ultimateSender, true)
  if (r.ultimateReceiver) out.ultimateReceiver = reduceParty(r.ultimateReceiver, true)
  if (r.reference !== undefined && r.reference.trim() !== '') out.reference = r.reference.trim()
  if (r.purpose !== undefined && r.purpose.trim() !== '') out.purpose = r.purpose.trim()
  return out
}

function reduceParty(p: Party | UltimateParty, ultimateParty = false): Record<string, string> {
  const typed = p.type === 'person' || p.type === 'business' || p.type === 'msb'
  const iban = !ultimateParty && p.account !== undefined && IBAN.test(p.account) && p.account.length >= 15 ? p.account : undefined
  const out: Record<string, string | undefined> = {
    id: typed && p.id !== undefined ? p.id : ultimateParty ? undefined : p.account,
    name: p.name,
    type: p.type === 'person' ? 'person' : typed ? 'business' : undefined,
    account: ultimateParty ? undefined : p.account,
    institution: ultimateParty ? undefined : p.institution,
    country: p.country ?? iban?.slice(0, 2),
    city: p.city,
    phone: p.phone,
    email: p.email,
    dateOfBirth: p.type === 'person' && p.dateOfBirth?.length === 10 ? p.dateOfBirth : undefined,
    bic: typed && p.type !== 'person' ? p.bic : undefined,
    iban,
    lei: typed && p.type !== 'person' ? p.lei : undefined,
  }
  for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === '') delete out[k]
  return out as Record<string, string>
}
