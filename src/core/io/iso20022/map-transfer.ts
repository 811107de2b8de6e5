import { CHANNELS } from '../../record/schema.ts'
import { validateRecord, type ParsedLine } from '../parsed-line.ts'
import type { IsoTransaction } from './message-reader.ts'
import { ACCOUNT_SOURCES, AGENT_SOURCES, mapParty, PARTY_SOURCES, type PartyFields } from './map-party.ts'
import { allAt, textAt, type XmlNode } from './xml-tree.ts'

/** Where a credit-transfer message keeps what the mapping reads; pacs.008 and pain.001 differ in these alone. */
export interface TransferLayout {
  /** the amount element below the transaction, its currency in `@Ccy` */
  readonly amount: string
  /** the transaction's own id element, if the message has one (pacs.008's `PmtId/TxId`) */
  readonly txId?: string
  /** whether the debtor, its account and agent are in the transaction or in its group (pain.001's `PmtInf`) */
  readonly debtorIn: 'tx' | 'group'
  /** date or date-time elements taken, in order, when neither `AccptncDtTm` nor the header's `CreDtTm` is there */
  readonly dates: readonly { in: 'tx' | 'header' | 'group'; path: string }[]
}

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS)
const NOT_PROVIDED = 'NOTPROVIDED'

/** One transaction of a message to a validated record, or to its error line naming the transaction and the element. */
export function mapTransfer(t: IsoTransaction, layout: TransferLayout): ParsedLine {
  const { tx, header, group } = t
  const debtorHome = layout.debtorIn === 'group' ? group : tx
  const inherited = (path: string) => textAt(tx, path) ?? textAt(group, path)
  const time = timestampOf(t, layout)
  const record: Record<string, unknown> = {
    id: idOf(t, layout),
    ...(time && { timestamp: time.value }),
    amount: textAt(tx, layout.amount),
    currency: textAt(tx, layout.amount) === undefined ? undefined : childAttr(tx, layout.amount, 'Ccy'),
    channel: channelOf(inherited('PmtTpInf/LclInstrm/Prtry')),
    sender: mapParty(nodeAt(debtorHome, 'Dbtr'), nodeAt(debtorHome, 'DbtrAcct'), nodeAt(debtorHome, 'DbtrAgt')),
    receiver: mapParty(nodeAt(tx, 'Cdtr'), nodeAt(tx, 'CdtrAcct'), nodeAt(tx, 'CdtrAgt')),
  }
  const ultimateSender = ultimate(nodeAt(tx, 'UltmtDbtr') ?? nodeAt(group, 'UltmtDbtr'))
  const ultimateReceiver = ultimate(nodeAt(tx, 'UltmtCdtr') ?? nodeAt(group, 'UltmtCdtr'))
  if (ultimateSender) record.ultimateSender = ultimateSender
  if (ultimateReceiver) record.ultimateReceiver = ultimateReceiver
  const reference = allAt(tx, 'RmtInf/Ustrd').map((n) => n.text.trim()).filter((s) => s !== '').join(' ')
  if (reference !== '') record.reference = reference
  const purpose = textAt(tx, 'Purp/Cd') ?? textAt(tx, 'Purp/Prtry')
  if (purpose !== undefined) record.purpose = purpose
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key]

  const parsed = validateRecord(record, t.line)
  if (parsed.ok) return parsed
  const error = parsed.error
  const path = error.error.path === undefined ? t.path : sourceOf(error.error.path, t, layout, time?.source)
  return { ok: false, error: { line: error.line, transaction: t.index, ...(error.id !== undefined && { id: error.id }), error: { ...error.error, message: `${path}: ${error.error.message}`, path } } }
}

function nodeAt(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}

function childAttr(node: XmlNode, path: string, attr: string): string | undefined {
  let here: XmlNode | undefined = node
  for (const step of path.split('/')) here = nodeAt(here, step)
  return here?.attrs[attr]?.trim()
}

function ultimate(node: XmlNode | undefined): PartyFields | undefined {
  if (!node) return undefined
  const party = mapParty(node, undefined, undefined)
  return Object.keys(party).length > 0 ? party : undefined
}

/** `PmtId/TxId`, else `EndToEndId` unless NOTPROVIDED, else `UETR`, else the message id and the transaction's place */
function idOf(t: IsoTransaction, layout: TransferLayout): string {
  const txId = layout.txId ? textAt(t.tx, layout.txId) : undefined
  if (txId !== undefined) return txId
  const endToEnd = textAt(t.tx, 'PmtId/EndToEndId')
  if (endToEnd !== undefined && endToEnd !== NOT_PROVIDED) return endToEnd
  return textAt(t.tx, 'PmtId/UETR') ?? `${textAt(t.header, 'MsgId') ?? 'message'}/${t.index}`
}

/** `AccptncDtTm`, else the header's `CreDtTm`, else the layout's dates (a date alone at midnight), in UTC */
function timestampOf(t: IsoTransaction, layout: TransferLayout): { value: string; source: string } | undefined {
  const accepted = textAt(t.tx, 'AccptncDtTm')
  if (accepted !== undefined) return { value: utc(accepted), source: `${t.path}/AccptncDtTm` }
  const created = textAt(t.header, 'CreDtTm')
  if (created !== undefined) return { value: utc(created), source: `${headerPath(t)}/CreDtTm` }
  for (const d of layout.dates) {
    const home = d.in === 'tx' ? t.tx : d.in === 'header' ? t.header : t.group
    const value = textAt(home, d.path)
    if (value !== undefined) return { value: utc(value), source: `${d.in === 'tx' ? t.path : d.in === 'group' ? t.groupPath : headerPath(t)}/${d.path}` }
  }
  return undefined
}

/** the group header's path: `/Document/<message>/GrpHdr` */
function headerPath(t: IsoTransaction): string {
  return `${t.path.split('/').slice(0, 3).join('/')}/GrpHdr`
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const HAS_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/

/** an ISO date or date-time as an RFC 3339 UTC date-time: a date at midnight, a time without an offset read as UTC */
export function utc(text: string): string {
  if (DATE_ONLY.test(text)) return `${text}T00:00:00Z`
  if (!HAS_OFFSET.test(text)) return `${text}Z`
  if (text.endsWith('Z')) return text
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? text : new Date(ms).toISOString()
}

/** a proprietary local instrument naming one of the record's channels (any case), else wire */
function channelOf(prtry: string | undefined): string {
  const name = prtry?.toLowerCase()
  return name !== undefined && CHANNEL_SET.has(name) ? name : 'wire'
}

/** the element a record field came from, for an error's path */
function sourceOf(recordPath: string, t: IsoTransaction, layout: TransferLayout, timeSource: string | undefined): string {
  const [top, field] = recordPath.split('.')
  const debtorBase = layout.debtorIn === 'group' && t.groupPath ? t.groupPath : t.path
  const side = (base: string, party: string, account: string, agent: string): string => {
    if (field === undefined) return `${base}/${party}`
    if (field in ACCOUNT_SOURCES) return `${base}/${account}/${ACCOUNT_SOURCES[field]}`
    if (field in AGENT_SOURCES) return `${base}/${agent}/${AGENT_SOURCES[field]}`
    return `${base}/${party}/${PARTY_SOURCES[field] ?? ''}`.replace(/\/$/, '')
  }
  switch (top) {
    case 'id':
      return `${t.path}/${layout.txId ?? 'PmtId/EndToEndId'}`
    case 'timestamp':
      return timeSource ?? `${t.path}/AccptncDtTm`
    case 'amount':
      return `${t.path}/${layout.amount}`
    case 'currency':
      return `${t.path}/${layout.amount}/@Ccy`
    case 'channel':
      return `${t.path}/PmtTpInf/LclInstrm/Prtry`
    case 'reference':
      return `${t.path}/RmtInf/Ustrd`
    case 'purpose':
      return `${t.path}/Purp`
    case 'sender':
      return side(debtorBase, 'Dbtr', 'DbtrAcct', 'DbtrAgt')
    case 'receiver':
      return side(t.path, 'Cdtr', 'CdtrAcct', 'CdtrAgt')
    case 'ultimateSender':
      return side(t.path, 'UltmtDbtr', 'UltmtDbtr', 'UltmtDbtr')
    case 'ultimateReceiver':
      return side(t.path, 'UltmtCdtr', 'UltmtCdtr', 'UltmtCdtr')
    default:
      return t.path
  }
}
