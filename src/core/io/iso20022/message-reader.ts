import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { LineError } from '../../errors.ts'
import { localName, xmlNode, type XmlNode } from './xml-tree.ts'

const ISO_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:'
/** characters of text one transaction may hold: the longest NDJSON line allowed */
const MAX_TRANSACTION_CHARS = 1 << 20

/** One ISO 20022 message type this reader can stream. */
export interface MessageKind {
  /** the message's identifier, e.g. "pacs.008" */
  readonly message: string
  /** the element under `Document` */
  readonly root: string
  /** the versions read, e.g. ["08", ..., "12"] for pacs.008.001.08 to .12 */
  readonly versions: readonly string[]
  /** the element under the root that groups transactions with shared fields (pain.001's `PmtInf`), if any */
  readonly group?: string
  /** the format name that reads it, for messages that suggest another format */
  readonly format: string
}

/** One `CdtTrfTxInf` with what it shares: the group header and, in pain.001, its payment information. */
export interface IsoTransaction {
  /** place in the message, from 1 */
  index: number
  /** the line its element starts on */
  line: number
  /** its element path, e.g. `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]` */
  path: string
  tx: XmlNode
  header: XmlNode | undefined
  /** pain.001: the enclosing `PmtInf`, without its transactions */
  group: XmlNode | undefined
  groupPath: string | undefined
}

export type IsoItem = { ok: true; transaction: IsoTransaction } | { ok: false; error: LineError }

/** what a namespace says of the message: `pacs.008.001.08` → message "pacs.008", version "08" */
export function messageOfNamespace(ns: string): { message: string; version: string } | undefined {
  if (!ns.startsWith(ISO_NAMESPACE)) return undefined
  const m = /^([a-z]{4}\.\d{3})\.\d{3}\.(\d{2})$/.exec(ns.slice(ISO_NAMESPACE.length))
  return m ? { message: m[1]!, version: m[2]! } : undefined
}

type Capture = { what: 'header' | 'group-field' | 'tx'; stack: XmlNode[]; line: number; chars: number }

/**
 * An ISO 20022 credit-transfer message streamed with saxes: text cut anywhere in, one item per `CdtTrfTxInf`
 * out, in order. Only the transaction being read (and the headers it shares) is held, so memory does not grow
 * with the message. The `Document` may be the root or sit in an envelope (a business application header's).
 * The first error of well-formedness ends the reading: nothing after it can be trusted.
 */
export class IsoMessageReader {
  readonly #parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false })
  readonly #out: IsoItem[] = []
  #depth = 0
  #docDepth = -1
  #namespace: string | undefined
  #header: XmlNode | undefined
  #group: XmlNode | undefined
  #groupCount = 0
  #inGroupTx = 0
  #index = 0
  #capture: Capture | undefined
  #tagLine = 1
  #failed = false
  #sawText = false
  #sawDocument = false

  constructor(private readonly kind: MessageKind) {
    const p = this.#parser
    p.on('opentagstart', () => {
      this.#tagLine = p.line
    })
    p.on('opentag', (tag) => this.#open(tag))
    p.on('closetag', () => this.#close())
    p.on('text', (text) => this.#text(text))
    p.on('cdata', (text) => this.#text(text))
    p.on('error', (err) => this.#fail(`not well-formed XML: ${err.message}`, p.line))
  }

  /** the message's namespace, once its Document has been read, e.g. `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08` */
  get namespace(): string | undefined {
    return this.#namespace
  }

  push(text: string): IsoItem[] {
    if (this.#failed) return []
    if (!this.#sawText && text.trim() !== '') this.#sawText = true
    this.#parser.write(text)
    return this.#out.splice(0)
  }

  end(): IsoItem[] {
    if (!this.#failed && this.#sawText) this.#parser.close()
    if (!this.#failed && this.#sawText && !this.#sawDocument) this.#fail(`no ISO 20022 Document element: expected a ${this.kind.message} message`, 1)
    return this.#out.splice(0)
  }

  #open(tag: SaxesTagPlain): void {
    if (this.#failed) return
    const name = localName(tag.name)
    const depth = this.#depth++
    const capture = this.#capture
    if (capture) {
      const node = xmlNode(name, tag.attributes)
      capture.stack.at(-1)!.children.push(node)
      capture.stack.push(node)
      return
    }
    if (this.#docDepth < 0) {
      if (name === 'Document' && depth <= 1) {
        this.#docDepth = depth
        this.#sawDocument = true
        this.#namespace = Object.entries(tag.attributes).find(([k, v]) => (k === 'xmlns' || k.startsWith('xmlns:')) && v.startsWith(ISO_NAMESPACE))?.[1]
      }
      return
    }
    const level = depth - this.#docDepth
    if (level === 1) return this.#checkMessage(name)
    const group = this.kind.group
    if (level === 2) {
      if (name === 'GrpHdr') return this.#startCapture('header', xmlNode(name, tag.attributes))
      if (group === undefined && name === 'CdtTrfTxInf') return this.#startCapture('tx', xmlNode(name, tag.attributes))
      if (group !== undefined && name === group) {
        this.#group = xmlNode(name, tag.attributes)
        this.#groupCount++
        this.#inGroupTx = 0
      }
      return
    }
    if (level === 3 && this.#group) {
      if (name === 'CdtTrfTxInf') {
        this.#inGroupTx++
        return this.#startCapture('tx', xmlNode(name, tag.attributes))
      }
      const node = xmlNode(name, tag.attributes)
      this.#group.children.push(node)
      this.#startCapture('group-field', node)
    }
  }

  #checkMessage(name: string): void {
    const kind = this.kind
    const said = this.#namespace === undefined ? undefined : messageOfNamespace(this.#namespace)
    if (said && said.message !== kind.message) {
      return this.#fail(`the message is ${said.message} (${this.#namespace}), not ${kind.message}; read it with its own format`, this.#tagLine)
    }
    if (said && !kind.versions.includes(said.version)) {
      const range = `${kind.message}.001.${kind.versions[0]} to .${kind.versions.at(-1)}`
      return this.#fail(`${this.#namespace} is not a version read here (${range})`, this.#tagLine)
    }
    if (name !== kind.root) this.#fail(`expected ${kind.root} (${kind.message}) under Document, found ${name}`, this.#tagLine)
  }

  #startCapture(what: Capture['what'], node: XmlNode): void {
    this.#capture = { what, stack: [node], line: this.#tagLine, chars: 0 }
  }

  #text(text: string): void {
    const capture = this.#capture
    if (!capture || this.#failed) return
    capture.chars += text.length
    // past the limit the transaction is reported, not kept: a huge text cannot fill memory here
    if (capture.chars <= MAX_TRANSACTION_CHARS) capture.stack.at(-1)!.text += text
  }

  #close(): void {
    this.#depth--
    if (this.#failed) return
    const capture = this.#capture
    if (capture) {
      const node = capture.stack.pop()!
      if (capture.stack.length > 0) return
      this.#capture = undefined
      if (capture.what === 'header') this.#header = node
      else if (capture.what === 'tx') this.#deliver(node, capture)
      return
    }
    const level = this.#depth - this.#docDepth
    if (level === 2 && this.kind.group !== undefined) this.#group = undefined
    if (level === 0) this.#docDepth = -1
  }

  #deliver(tx: XmlNode, capture: Capture): void {
    const index = ++this.#index
    const root = `/Document/${this.kind.root}`
    const groupPath = this.#group ? `${root}/${this.kind.group}[${this.#groupCount}]` : undefined
    const path = groupPath ? `${groupPath}/CdtTrfTxInf[${this.#inGroupTx}]` : `${root}/CdtTrfTxInf[${index}]`
    if (capture.chars > MAX_TRANSACTION_CHARS) {
      this.#out.push({ ok: false, error: { line: capture.line, transaction: index, error: { code: 'line_too_long', message: `the transaction holds more than ${MAX_TRANSACTION_CHARS} characters of text and was skipped`, path } } })
      return
    }
    this.#out.push({ ok: true, transaction: { index, line: capture.line, path, tx, header: this.#header, group: this.#group, groupPath } })
  }

  #fail(message: string, line: number): void {
    if (this.#failed) return
    this.#failed = true
    const inTx = this.#capture?.what === 'tx'
    const error: LineError = { line, error: { code: 'invalid_xml', message } }
    if (inTx) error.transaction = this.#index + 1
    this.#out.push({ ok: false, error })
  }
}
