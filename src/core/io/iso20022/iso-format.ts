import type { TextRecordParser } from '../input-format.ts'
import type { ParsedLine } from '../parsed-line.ts'
import { mapTransfer, type TransferLayout } from './map-transfer.ts'
import { IsoMessageReader, type IsoItem, type MessageKind } from './message-reader.ts'

/** the media types and file ending every ISO 20022 format shares; the message's namespace or root tells them apart */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'] as const
export const XML_EXTENSIONS = ['.xml'] as const

/** whether the start of an input is an XML document holding this message (its namespace, or its element under Document) */
export function sniffMessage(kind: MessageKind, head: string): boolean {
  if (!head.trimStart().startsWith('<')) return false
  return head.includes(`:xsd:${kind.message}.`) || new RegExp(`<(?:[\\w.-]+:)?${kind.root}[\\s>]`).test(head)
}

/** A parser of one message's text: each transaction mapped to a record or its error line. */
export function isoParser(kind: MessageKind, layout: TransferLayout): TextRecordParser {
  const reader = new IsoMessageReader(kind)
  const toParsed = (items: IsoItem[]): ParsedLine[] => items.map((item) => (item.ok ? mapTransfer(item.transaction, layout) : { ok: false, error: item.error }))
  return { reads: 'text', push: (text) => toParsed(reader.push(text)), end: () => toParsed(reader.end()) }
}
