import type { ParsedLine } from '../core/io/parsed-line.ts'
// the schema's module, not the core's index: screening workers import this file and load only what they need
import { type Party, type TransferRecord, type UltimateParty } from '../core/record/schema.ts'

/**
 * Validated records, handed from the main thread to screening workers in a compact form, so that a worker
 * does not split, parse and validate every line again, which costs many times what rebuilding a record from
 * its slots does.
 * A record is a fixed sequence of slots, one per schema field (parties in the schema's `PARTY_FIELDS` order; see `RecordEncoder.record`):
 * fields with few distinct values (currency, channel, countries, cities...) as numbers into a table of strings
 * both sides keep in step, the others as strings sent with the message. Unknown fields are not sent: rules read
 * schema fields only (src/core/rules/fields.ts), and a worker returns hits, not records.
 */
export interface EncodedRecords {
  /** slot values: a string's number in the shared table (>= 0), or one of the markers below */
  tokens: Int32Array
  /** strings new to the shared table, in the order they were numbered */
  fresh: string[]
  /** strings sent as they are, in slot order */
  raw: string[]
}

// slot markers
const ABSENT = -1
const RAW = -2
const PRESENT = -3
// before a record: both sides empty their tables (the table stays bounded however long the batch)
const RESET = -4
// a line that did not parse: no slots follow (the worker skips it, keeping its index)
const NOT_A_RECORD = -5

/** strings numbered before the tables start again, by default */
const TABLE_LIMIT = 1 << 16

/** a party with every schema field present: a field the decoder does not read fails to compile */
type EveryPartyField = { [K in keyof Required<Party>]: Party[K] }

/**
 * Party fields numbered in the shared table (`RecordEncoder.party`): those with few distinct values, type,
 * institution, country, city and nationality. Numbering a value costs a lookup in a table the size of its
 * distinct values; the many ids, names and contacts of a large population make that table large and its
 * lookups cache misses, and cost more than sending them as they are.
 */

/** Runs on the main thread: records to tokens, one message's worth at a time. */
export class RecordEncoder {
  readonly #numbers = new Map<string, number>()
  #tokens = new Int32Array(1 << 14)
  #length = 0
  #fresh: string[] = []
  #raw: string[] = []

  constructor(private readonly tableLimit = TABLE_LIMIT) {}

  /** one message: a slice of decoded lines, each record at its line's index (a line that did not parse keeps its place) */
  encode(parsed: readonly ParsedLine[]): EncodedRecords {
    for (const p of parsed) {
      if (p.ok) this.#record(p.record)
      else this.#put(NOT_A_RECORD)
    }
    // the tokens are copied out, so the message owns its buffer and this one is reused
    const out = { tokens: this.#tokens.slice(0, this.#length), fresh: this.#fresh, raw: this.#raw }
    this.#length = 0
    this.#fresh = []
    this.#raw = []
    return out
  }

  #record(r: TransferRecord): void {
    if (this.#numbers.size >= this.tableLimit) {
      this.#numbers.clear()
      this.#put(RESET)
    }
    this.#sent(r.id)
    this.#sent(r.timestamp)
    this.#sent(r.amount)
    this.#shared(r.currency)
    this.#shared(r.channel)
    this.#party(r.sender)
    this.#party(r.receiver)
    this.#optionalParty(r.ultimateSender)
    this.#optionalParty(r.ultimateReceiver)
    this.#sent(r.reference)
    this.#sent(r.purpose)
    const location = r.location
    if (location === undefined) this.#put(ABSENT)
    else {
      this.#put(PRESENT)
      this.#shared(location.country)
      this.#shared(location.city)
      this.#shared(location.branch)
    }
    const device = r.device
    if (device === undefined) this.#put(ABSENT)
    else {
      this.#put(PRESENT)
      this.#sent(device.id)
      this.#sent(device.ip)
    }
  }

  #optionalParty(p: UltimateParty | undefined): void {
    if (p === undefined) this.#put(ABSENT)
    else {
      this.#put(PRESENT)
      this.#party(p)
    }
  }

  /**
   * the fields in `PARTY_FIELDS` order, the few-valued ones numbered; named reads, not a loop over the names:
   * parties of many shapes made `p[name]` a megamorphic keyed load, the encoder's largest cost (BENCHMARKS.md,
   * session scale25; test/cli/record-codec.test.ts checks the order)
   */
  #party(p: Party | UltimateParty): void {
    this.#sent(p.id)
    this.#sent(p.name)
    this.#shared(p.type)
    this.#sent(p.account)
    this.#shared(p.institution)
    this.#shared(p.country)
    this.#shared(p.city)
    this.#sent(p.phone)
    this.#sent(p.email)
    this.#sent(p.handle)
    this.#sent(p.accountOpened)
    this.#shared(p.nationality)
    this.#sent(p.dateOfBirth)
    this.#sent(p.bic)
    this.#sent(p.iban)
    this.#sent(p.lei)
  }

  #put(token: number): void {
    if (this.#length === this.#tokens.length) {
      const grown = new Int32Array(this.#tokens.length * 2)
      grown.set(this.#tokens)
      this.#tokens = grown
    }
    this.#tokens[this.#length++] = token
  }

  #sent(text: string | undefined): void {
    if (text === undefined) this.#put(ABSENT)
    else {
      this.#put(RAW)
      this.#raw.push(text)
    }
  }

  #shared(text: string | undefined): void {
    if (text === undefined) return this.#put(ABSENT)
    let n = this.#numbers.get(text)
    if (n === undefined) {
      n = this.#numbers.size
      this.#numbers.set(text, n)
      this.#fresh.push(text)
    }
    this.#put(n)
  }
}

/**
 * Runs on a worker: tokens back to records, in the encoder's order. The records are plain objects with every
 * schema field present (absent ones undefined), all of one shape, and repeated values are one string each.
 */
export class RecordDecoder {
  readonly #table: string[] = []
  #tokens: Int32Array = new Int32Array(0)
  #at = 0
  #fresh: string[] = []
  #nextFresh = 0
  #raw: string[] = []
  #nextRaw = 0

  /** the lines of one message: a record, or undefined where the line did not parse */
  lines(message: EncodedRecords): (TransferRecord | undefined)[] {
    const out: (TransferRecord | undefined)[] = []
    this.#tokens = message.tokens
    this.#at = 0
    this.#fresh = message.fresh
    this.#nextFresh = 0
    this.#raw = message.raw
    this.#nextRaw = 0
    while (this.#at < this.#tokens.length) {
      if (this.#tokens[this.#at] === NOT_A_RECORD) {
        this.#at++
        out.push(undefined)
      } else out.push(this.#record())
    }
    return out
  }

  #record(): TransferRecord {
    if (this.#tokens[this.#at] === RESET) {
      this.#at++
      this.#table.length = 0
    }
    const id = this.#text()!
    const timestamp = this.#text()!
    const amount = this.#text()!
    const currency = this.#text()!
    const channel = this.#text() as TransferRecord['channel']
    const sender = this.#party()
    const receiver = this.#party()
    const ultimateSender = this.#tokens[this.#at++] === PRESENT ? this.#party() : undefined
    const ultimateReceiver = this.#tokens[this.#at++] === PRESENT ? this.#party() : undefined
    const reference = this.#text()
    const purpose = this.#text()
    const location = this.#tokens[this.#at++] === PRESENT ? { country: this.#text(), city: this.#text(), branch: this.#text() } : undefined
    const device = this.#tokens[this.#at++] === PRESENT ? { id: this.#text(), ip: this.#text() } : undefined
    return { id, timestamp, amount, currency, channel, sender, receiver, ultimateSender, ultimateReceiver, reference, purpose, location, device }
  }

  /** the fields in `PARTY_FIELDS` order, as the encoder wrote them (test/cli/record-codec.test.ts checks) */
  #party(): Party {
    const party: EveryPartyField = {
      id: this.#text()!,
      name: this.#text(),
      type: this.#text() as Party['type'],
      account: this.#text(),
      institution: this.#text(),
      country: this.#text(),
      city: this.#text(),
      phone: this.#text(),
      email: this.#text(),
      handle: this.#text(),
      accountOpened: this.#text(),
      nationality: this.#text(),
      dateOfBirth: this.#text(),
      bic: this.#text(),
      iban: this.#text(),
      lei: this.#text(),
    }
    return party
  }

  #text(): string | undefined {
    const token = this.#tokens[this.#at++]!
    if (token >= 0) {
      // numbers are handed out in order, so a number one past the table's end is the next fresh string
      if (token === this.#table.length) this.#table.push(this.#fresh[this.#nextFresh++]!)
      return this.#table[token]
    }
    return token === RAW ? this.#raw[this.#nextRaw++] : undefined
  }
}
