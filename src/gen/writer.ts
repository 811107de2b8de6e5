import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import type { Party } from '../core/record/schema.ts'
import { rfc3339 } from './clock.ts'
import { minorToText } from './money.ts'
import { EVERYDAY, type Draft, type LabelledDraft } from './types.ts'

/**
 * Cash at the counter is written with the account holder on the side of the account: a deposit by a third party
 * has the conductor as sender; a deposit or withdrawal by the holder is holder-to-holder. The purpose says which,
 * so that a holder's own deposit is not read as a withdrawal: every cash draft is a deposit unless marked.
 */
export function purposeOf(d: Draft): string | undefined {
  return d.purpose ?? (d.channel === 'cash' ? 'cash deposit' : undefined)
}

/** quote a CSV field when it needs it (RFC 4180) */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A stream that waits when the file cannot keep up, so output never piles up in memory. */
export class LineSink {
  private readonly stream: WriteStream

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' })
  }

  async write(chunk: string): Promise<void> {
    if (chunk.length > 0 && !this.stream.write(chunk)) await once(this.stream, 'drain')
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())))
  }
}

/** the first four columns are those every labels.csv has; `family` names the hard-negative family of a benign row */
export const LABELS_HEADER = 'id,is_illicit,instance_id,typology,family'

/**
 * Writes records.ndjson and labels.csv side by side. Ids are opaque sequence numbers given after sorting, so the
 * id says nothing about how a record was made; the label line for a record is on the same line number (+1 header).
 */
export class RecordWriter {
  private readonly records: LineSink
  private readonly labels: LineSink
  private readonly partyJson = new WeakMap<Party, string>()
  private seq = 0
  illicit = 0
  /** benign records written per family */
  readonly families = new Map<string, number>()

  constructor(dir: string) {
    this.records = new LineSink(join(dir, 'records.ndjson'))
    this.labels = new LineSink(join(dir, 'labels.csv'))
  }

  get written(): number {
    return this.seq
  }

  async start(): Promise<void> {
    await this.labels.write(`${LABELS_HEADER}\n`)
  }

  /** drafts of one day, already in time order */
  async writeDay(drafts: LabelledDraft[]): Promise<void> {
    let recordText = ''
    let labelText = ''
    for (const d of drafts) {
      const id = `t${String(++this.seq).padStart(9, '0')}`
      recordText += this.recordLine(id, d)
      if (d.label) {
        this.illicit++
        labelText += `${id},1,${d.label.instanceId},${d.label.typology},\n`
      } else {
        const family = d.family ?? EVERYDAY
        this.families.set(family, (this.families.get(family) ?? 0) + 1)
        labelText += `${id},0,,,${family}\n`
      }
    }
    await this.records.write(recordText)
    await this.labels.write(labelText)
  }

  async close(): Promise<void> {
    await this.records.close()
    await this.labels.close()
  }

  private recordLine(id: string, d: LabelledDraft): string {
    let line = `{"id":"${id}","timestamp":"${rfc3339(d.ts)}","amount":"${minorToText(d.amount)}","currency":"${d.currency}","channel":"${d.channel}","sender":${this.party(d.sender)},"receiver":${this.party(d.receiver)}`
    if (d.reference !== undefined) line += `,"reference":${JSON.stringify(d.reference)}`
    const purpose = purposeOf(d)
    if (purpose !== undefined) line += `,"purpose":${JSON.stringify(purpose)}`
    if (d.location !== undefined) line += `,"location":${JSON.stringify(d.location)}`
    if (d.device !== undefined) line += `,"device":${JSON.stringify(d.device)}`
    return line + '}\n'
  }

  private party(p: Party): string {
    let json = this.partyJson.get(p)
    if (json === undefined) {
      json = JSON.stringify(p)
      this.partyJson.set(p, json)
    }
    return json
  }
}
