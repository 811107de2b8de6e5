import { join } from 'node:path'
import { LineSink } from '../gen/writer.ts'
import type { Label } from '../gen/types.ts'

/** A record ready to write: its time (for ordering), the record without its id, and its label if illicit. */
export interface Imported {
  ts: number
  /** row number in the source, for deterministic ids and stable ordering */
  row: number
  body: Record<string, unknown>
  /** undefined: benign; a label with empty fields: illicit without a known instance */
  label?: Label
}

/** records.ndjson and labels.csv for imported data, written in batches */
export class ImportWriter {
  private readonly records: LineSink
  private readonly labels: LineSink
  private recordText = ''
  private labelText = ''
  count = 0
  illicit = 0

  constructor(dir: string) {
    this.records = new LineSink(join(dir, 'records.ndjson'))
    this.labels = new LineSink(join(dir, 'labels.csv'))
    this.labelText = 'id,is_illicit,instance_id,typology\n'
  }

  async write(id: string, item: Imported): Promise<void> {
    this.recordText += JSON.stringify({ id, ...item.body }) + '\n'
    if (item.label) {
      this.illicit++
      this.labelText += `${id},1,${item.label.instanceId},${item.label.typology}\n`
    } else this.labelText += `${id},0,,\n`
    if (++this.count % 5000 === 0) await this.flush()
  }

  async close(): Promise<void> {
    await this.flush()
    await this.records.close()
    await this.labels.close()
  }

  private async flush(): Promise<void> {
    await this.records.write(this.recordText)
    await this.labels.write(this.labelText)
    this.recordText = ''
    this.labelText = ''
  }
}

/**
 * Puts nearly-sorted input into time order with bounded memory: rows wait in a buffer and the earliest half is
 * written whenever the buffer fills. Rows that arrive later than rows already written are counted, not dropped.
 */
export class ReorderBuffer {
  private buffer: Imported[] = []
  private lastTs = -Infinity
  late = 0

  constructor(
    private readonly capacity: number,
    private readonly emit: (item: Imported) => Promise<void>,
  ) {}

  async push(item: Imported): Promise<void> {
    this.buffer.push(item)
    if (this.buffer.length >= this.capacity) await this.release(Math.floor(this.capacity / 2))
  }

  async end(): Promise<void> {
    await this.release(this.buffer.length)
  }

  private async release(n: number): Promise<void> {
    this.buffer.sort((a, b) => a.ts - b.ts || a.row - b.row)
    const out = this.buffer.slice(0, n)
    this.buffer = this.buffer.slice(n)
    for (const item of out) {
      if (item.ts < this.lastTs) this.late++
      this.lastTs = Math.max(this.lastTs, item.ts)
      await this.emit(item)
    }
  }
}
